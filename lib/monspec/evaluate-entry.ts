import { type EntryResult } from './evaluation-result';
import { formatQuantity, formatQuantityPair } from './format-number';
import { type PlannedEntry } from './plan-entry';
import { type MissingDataRule } from './plan-evaluation';

/** The inputs of one entry's verdict. */
export interface EntryEvaluationInput {
  readonly entry: PlannedEntry;
  readonly source: number | null;
  readonly compare: number | null;
  readonly sourceEnvironment: string;
  readonly compareEnvironment: string;
  readonly onMissingSource: MissingDataRule;
  readonly onMissingCompare: MissingDataRule;
  readonly notes: readonly string[];
}

/** An entry's result plus the short phrase the summary uses for it when it did not pass. */
export interface EntryEvaluation {
  readonly result: EntryResult;
  readonly headline?: string;
}

type Verdict = Pick<EntryResult, 'threshold' | 'status' | 'outcome' | 'reason'> & {
  readonly headline?: string;
};

/**
 * Judges one entry (DESIGN §3): static limits when present (equality passes, the comparison is unused);
 * otherwise a threshold relative to the compare value. Missing data follows the missing-data policy and
 * is never silently a pass.
 */
export function evaluateEntry(input: EntryEvaluationInput): EntryEvaluation {
  const { entry } = input;
  const verdict = entry.limitKind === 'static' ? judgeStatic(input) : judgeRelative(input);
  const { headline, ...judged } = verdict;
  const result: EntryResult = {
    path: entry.path,
    metric: entry.label,
    key: entry.key,
    selector: entry.selector,
    aggregate: entry.aggregate,
    validate: entry.validate,
    unit: entry.unit,
    source: input.source,
    compare: input.compare,
    ...judged,
    limitKind: entry.limitKind,
    ...(entry.upperLimit === undefined ? {} : { upperLimit: entry.upperLimit }),
    ...(entry.lowerLimit === undefined ? {} : { lowerLimit: entry.lowerLimit }),
    scaleFactor: entry.scaleFactor,
    ...(input.notes.length === 0 ? {} : { notes: input.notes }),
  };
  return headline === undefined ? { result } : { result, headline };
}

function judgeStatic(input: EntryEvaluationInput): Verdict {
  const { entry, source } = input;
  const { upperLimit, lowerLimit, unit } = entry;
  const preferred = entry.validate === 'lower' ? (lowerLimit ?? upperLimit) : (upperLimit ?? lowerLimit);
  if (source === null) return missingSource(input, preferred ?? null);
  const label = describeEntry(entry);
  if (upperLimit !== undefined && source > upperLimit) {
    const [value, limit] = formatQuantityPair(source, upperLimit, unit);
    return violation(
      upperLimit,
      `${value} > static upper limit ${limit}`,
      `${label} in ${input.sourceEnvironment} ${value} > ${limit}`,
    );
  }
  if (lowerLimit !== undefined && source < lowerLimit) {
    const [value, limit] = formatQuantityPair(source, lowerLimit, unit);
    return violation(
      lowerLimit,
      `${value} < static lower limit ${limit}`,
      `${label} in ${input.sourceEnvironment} ${value} < ${limit}`,
    );
  }
  const value = formatQuantity(source, unit);
  if (upperLimit !== undefined && lowerLimit !== undefined) {
    const range = `${formatQuantity(lowerLimit, unit)} ≤ ${value} ≤ ${formatQuantity(upperLimit, unit)}`;
    return pass(preferred ?? null, `${range} (static limits)`);
  }
  return upperLimit !== undefined
    ? pass(upperLimit, `${value} ≤ static upper limit ${formatQuantity(upperLimit, unit)}`)
    : pass(lowerLimit ?? null, `${value} ≥ static lower limit ${formatQuantity(lowerLimit ?? 0, unit)}`);
}

function judgeRelative(input: EntryEvaluationInput): Verdict {
  const { entry, source, compare } = input;
  const scaleFactor = entry.scaleFactor ?? 0;
  const upper = entry.validate === 'upper';
  const threshold = compare === null ? null : relativeThreshold(compare, scaleFactor, upper);
  if (source === null) return missingSource(input, threshold);
  if (compare === null || threshold === null) {
    return missing(
      input.onMissingCompare,
      'onmissingcompare',
      null,
      `no data in ${input.compareEnvironment} for the window to compare with`,
      `${describeEntry(entry)}: no data in ${input.compareEnvironment}`,
    );
  }
  const violated = upper ? source > threshold : source < threshold;
  const [value, limit] = formatQuantityPair(source, threshold, entry.unit);
  const operator = violated ? (upper ? '>' : '<') : upper ? '≤' : '≥';
  const baseline = formatQuantity(compare, entry.unit);
  const basis =
    compare === 0
      ? `${input.compareEnvironment} was ${baseline}, and no scale factor widens a zero baseline`
      : `${input.compareEnvironment} ${baseline} ${tolerance(scaleFactor, upper)}`;
  const reason = `${value} ${operator} threshold ${limit} (${basis})`;
  if (!violated) return pass(threshold, reason);
  return violation(
    threshold,
    reason,
    `${describeEntry(entry)} in ${input.sourceEnvironment} ${value} ${operator} ${limit}`,
  );
}

function missingSource(input: EntryEvaluationInput, threshold: number | null): Verdict {
  return missing(
    input.onMissingSource,
    'onmissingsource',
    threshold,
    `no data in ${input.sourceEnvironment} for the window`,
    `${describeEntry(input.entry)}: no data in ${input.sourceEnvironment}`,
  );
}

function missing(
  rule: MissingDataRule,
  setting: string,
  threshold: number | null,
  what: string,
  headline: string,
): Verdict {
  const origin = rule.origin === 'default' ? 'the default' : `from the ${rule.origin}`;
  const outcome = rule.policy === 'warn' ? 'warning' : rule.policy;
  const reason = `${what} (${setting}: ${rule.policy}, ${origin})`;
  return outcome === 'pass'
    ? { threshold, status: 'nodata', outcome, reason }
    : { threshold, status: 'nodata', outcome, reason, headline };
}

function pass(threshold: number | null, reason: string): Verdict {
  return { threshold, status: 'pass', outcome: 'pass', reason };
}

function violation(threshold: number, reason: string, headline: string): Verdict {
  return { threshold, status: 'violation', outcome: 'fail', reason, headline };
}

/**
 * compare × (1 ± sf/100), rounded to 15 significant digits: people reason about thresholds in decimals,
 * so 200 − 90 % must be 20 (not 19.999999999999996) for "equality passes" to hold at the boundary.
 */
function relativeThreshold(compare: number, scaleFactor: number, upper: boolean): number {
  const factor = 1 + ((upper ? 1 : -1) * scaleFactor) / 100;
  return Number((compare * factor).toPrecision(15));
}

/** `+ 15 %` / `− 90 %`: how the scale factor moves the threshold away from the baseline. */
function tolerance(scaleFactor: number, upper: boolean): string {
  const widens = upper ? scaleFactor >= 0 : scaleFactor < 0;
  return `${widens ? '+' : '−'} ${formatQuantity(Math.abs(scaleFactor), '%')}`;
}

function describeEntry(entry: PlannedEntry): string {
  return entry.aggregate === 'selector' ? entry.label : `${entry.label} (${entry.aggregate})`;
}
