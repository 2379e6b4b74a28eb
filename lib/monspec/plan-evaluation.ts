import { buildEntitySelector } from './build-entity-selector';
import {
  MISSING_DATA_POLICIES,
  type Comparison,
  type EntityDefinition,
  type EntityType,
  type MissingDataPolicy,
  type Monspec,
  type MonspecEnvironment,
} from './monspec';
import { MonspecRequestError } from './monspec-request-error';
import { planEntry, type PlannedEntry } from './plan-entry';
import { suggestClosest } from './suggest-closest';

/** The Metrics API v2 accepts at most 10 metric selectors per query. */
export const MAX_SELECTORS_PER_QUERY = 10;
/** Longest window a gate may evaluate, in minutes (one day). */
export const MAX_WINDOW_MINUTES = 1440;
/** The largest time a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8_640_000_000_000_000;

/** What to evaluate: one comparison of one entity definition over a window ending at `endMs`. */
export interface EvaluationRequest {
  /** The top-level key of the entity definition, e.g. `SampleJSonService`. */
  readonly service: string;
  readonly comparison: string;
  /** Window length W in minutes, 0 < W ≤ 1440. */
  readonly windowMinutes: number;
  /** End T of the (unshifted) window, epoch milliseconds. */
  readonly endMs: number;
  /** Overrides the comparison's `onmissingsource`. */
  readonly onMissingSource?: MissingDataPolicy;
  /** Overrides the comparison's `onmissingcompare`. */
  readonly onMissingCompare?: MissingDataPolicy;
}

/** A missing-data policy and the level it came from, so results can say why missing data did what it did. */
export interface MissingDataRule {
  readonly policy: MissingDataPolicy;
  readonly origin: 'request' | 'comparison' | 'default';
}

/** One Metrics API v2 query: up to 10 comma-joined selectors. */
export interface MetricQuery {
  readonly metricSelector: string;
  readonly selectors: readonly string[];
}

/** One side of the comparison: an environment over a (possibly shifted) window. */
export interface WindowPlan {
  readonly role: 'source' | 'compare';
  readonly environment: MonspecEnvironment;
  /** Window start, epoch ms: T − shift·1000 − W·60000. */
  readonly fromMs: number;
  /** Window end, epoch ms: T − shift·1000. */
  readonly toMs: number;
  readonly shiftSeconds: number;
  readonly entitySelector: string;
  /** The queries that fetch every entry for this window (`resolution=Inf`, this entity selector). */
  readonly queries: readonly MetricQuery[];
}

/** Everything needed to fetch and judge one comparison; pure data, safe to log. */
export interface EvaluationPlan {
  readonly service: string;
  readonly comparison: string;
  readonly windowMinutes: number;
  readonly entityType: EntityType;
  readonly source: WindowPlan;
  readonly compare: WindowPlan;
  readonly entries: readonly PlannedEntry[];
  readonly onMissingSource: MissingDataRule;
  readonly onMissingCompare: MissingDataRule;
}

/**
 * Plans the evaluation of one comparison (DESIGN §3): the two windows, their entity selectors, the
 * Metrics v2 queries (distinct selectors, at most 10 per query) and each entry's threshold rule.
 *
 * @throws MonspecRequestError for an unknown service or comparison or an out-of-range request field.
 */
export function planEvaluation(monspec: Monspec, request: EvaluationRequest): EvaluationPlan {
  const definition = findDefinition(monspec, request.service);
  const comparison = findComparison(definition, request.comparison);
  const windowMinutes = checkWindow(request);
  const entries = definition.perfsignature.map((entry) => planEntry(entry, comparison));
  const queries = chunkSelectors(entries.map((entry) => entry.selector));
  const window = (role: 'source' | 'compare'): WindowPlan => {
    const environmentName = role === 'source' ? comparison.source : comparison.compare;
    const environment = definition.environments.find((candidate) => candidate.name === environmentName);
    // validateMonspec rules this out; a hand-built Monspec might not.
    if (environment === undefined) {
      throw new MonspecRequestError(
        `${comparison.path}.${role}`,
        `environment ${JSON.stringify(environmentName)} is not defined for ${definition.key}`,
      );
    }
    const shiftSeconds = role === 'source' ? comparison.shiftSourceSeconds : comparison.shiftCompareSeconds;
    const toMs = request.endMs - shiftSeconds * 1000;
    return {
      role,
      environment,
      fromMs: toMs - windowMinutes * 60_000,
      toMs,
      shiftSeconds,
      entitySelector: buildEntitySelector(definition.etype, environment),
      queries,
    };
  };
  return {
    service: definition.key,
    comparison: comparison.name,
    windowMinutes,
    entityType: definition.etype,
    source: window('source'),
    compare: window('compare'),
    entries,
    onMissingSource: missingDataRule(
      request.onMissingSource,
      comparison.onMissingSource,
      'fail',
      'onMissingSource',
    ),
    onMissingCompare: missingDataRule(
      request.onMissingCompare,
      comparison.onMissingCompare,
      'warn',
      'onMissingCompare',
    ),
  };
}

function findDefinition(monspec: Monspec, service: string): EntityDefinition {
  const definition = monspec.definitions.find((candidate) => candidate.key === service);
  if (definition !== undefined) return definition;
  const names = monspec.definitions.map((candidate) => candidate.key);
  throw new MonspecRequestError(
    'service',
    `service ${JSON.stringify(service)} is not defined in the monspec; defined: ${names.join(', ')}${didYouMean(service, names)}`,
  );
}

function findComparison(definition: EntityDefinition, name: string): Comparison {
  const comparison = definition.comparisons.find((candidate) => candidate.name === name);
  if (comparison !== undefined) return comparison;
  const names = definition.comparisons.map((candidate) => candidate.name);
  if (names.length === 0) {
    throw new MonspecRequestError(
      'comparison',
      `${definition.key} defines no comparisons; add one to its "comparisons" list to evaluate ${JSON.stringify(name)}`,
    );
  }
  throw new MonspecRequestError(
    'comparison',
    `comparison ${JSON.stringify(name)} is not defined for ${definition.key}; defined: ${names.join(', ')}${didYouMean(name, names)}`,
  );
}

function checkWindow(request: EvaluationRequest): number {
  const { windowMinutes, endMs } = request;
  if (typeof windowMinutes !== 'number' || !(windowMinutes > 0 && windowMinutes <= MAX_WINDOW_MINUTES)) {
    throw new MonspecRequestError(
      'windowMinutes',
      `expected a window of more than 0 and at most ${MAX_WINDOW_MINUTES} minutes, found ${String(windowMinutes)}`,
    );
  }
  if (typeof endMs !== 'number' || !(endMs >= 0 && endMs <= MAX_EPOCH_MS)) {
    throw new MonspecRequestError(
      'endMs',
      `expected the window end as epoch milliseconds between 0 and ${MAX_EPOCH_MS}, found ${String(endMs)}`,
    );
  }
  return windowMinutes;
}

function missingDataRule(
  fromRequest: MissingDataPolicy | undefined,
  fromComparison: MissingDataPolicy | undefined,
  fallback: MissingDataPolicy,
  field: 'onMissingSource' | 'onMissingCompare',
): MissingDataRule {
  if (fromRequest !== undefined) {
    if (!MISSING_DATA_POLICIES.includes(fromRequest)) {
      throw new MonspecRequestError(
        field,
        `expected one of ${MISSING_DATA_POLICIES.join(', ')}, found ${JSON.stringify(fromRequest)}`,
      );
    }
    return { policy: fromRequest, origin: 'request' };
  }
  if (fromComparison !== undefined) return { policy: fromComparison, origin: 'comparison' };
  return { policy: fallback, origin: 'default' };
}

function chunkSelectors(selectors: readonly string[]): MetricQuery[] {
  const distinct = [...new Set(selectors)];
  const queries: MetricQuery[] = [];
  for (let start = 0; start < distinct.length; start += MAX_SELECTORS_PER_QUERY) {
    const chunk = distinct.slice(start, start + MAX_SELECTORS_PER_QUERY);
    queries.push({ metricSelector: chunk.join(','), selectors: chunk });
  }
  return queries;
}

function didYouMean(input: string, candidates: readonly string[]): string {
  const suggestion = suggestClosest(input, candidates);
  return suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`;
}
