/**
 * Builders shared by the monspec tests: a valid sample document (the seed's SampleJSonService, without
 * comments) and helpers that plan and evaluate small variations of it.
 */
import { evaluatePlan, type EvaluationNotes } from '../../../lib/monspec/evaluate-plan';
import { type EvaluationResult } from '../../../lib/monspec/evaluation-result';
import { type Monspec } from '../../../lib/monspec/monspec';
import {
  planEvaluation,
  type EvaluationPlan,
  type EvaluationRequest,
} from '../../../lib/monspec/plan-evaluation';
import { validateMonspec } from '../../../lib/monspec/validate-monspec';

/**
 * Seed of every property-based test, so CI runs are reproducible; change it locally to explore further.
 * fast-check prints the failing seed and path of any counterexample.
 */
export const PROPERTY_SEED = 20240501;

/** 2024-05-01T10:00:00Z, the end of every test window unless a test says otherwise. */
export const END_MS = Date.UTC(2024, 4, 1, 10, 0, 0);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonDocument = { [key: string]: Json };

/** A fresh copy of the seed monspec as plain JSON. */
export function sampleDocument(): JsonDocument {
  return {
    SampleJSonService: {
      etype: 'SERVICE',
      name: 'SampleNodeJsService',
      environments: {
        Staging: { tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' }] },
        Production: { tags: [{ context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Production' }] },
      },
      comparisons: [
        {
          name: 'StagingToProduction',
          source: 'Staging',
          compare: 'Production',
          scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 },
          shiftcomparetimeframe: 0,
          shiftsourcetimeframe: 0,
        },
        {
          name: 'StagingToProductionYesterday',
          source: 'Staging',
          compare: 'Production',
          scalefactorperc: { default: 15, 'com.dynatrace.builtin:service.requestspermin': 90 },
          shiftsourcetimeframe: 0,
          shiftcomparetimeframe: 86400,
        },
        {
          name: 'StagingToStagingLastHour',
          source: 'Staging',
          compare: 'Staging',
          scalefactorperc: { default: 10 },
          shiftsourcetimeframe: 0,
          shiftcomparetimeframe: 3600,
        },
      ],
      perfsignature: [
        { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'avg', validate: 'upper' },
        { timeseries: 'com.dynatrace.builtin:service.responsetime', aggregate: 'max' },
        { timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' },
        { timeseries: 'com.dynatrace.builtin:service.requestspermin', aggregate: 'count', validate: 'lower' },
      ],
    },
  };
}

/** The sample's SampleJSonService definition, for in-place edits by a test. */
export function definitionOf(document: JsonDocument): { [key: string]: Json } {
  const definition = document['SampleJSonService'];
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new Error('sample document lost its SampleJSonService definition');
  }
  return definition;
}

/** Validates a document and returns the monspec, failing the test with all issues if it is invalid. */
export function monspecOf(document: unknown): Monspec {
  return validateMonspec(document).monspec;
}

/**
 * Plans a comparison named `Scenario` (Staging against Production) over the given perfsignature entries.
 */
export function planScenario(
  perfsignature: Json[],
  comparison: { [key: string]: Json } = {},
  request: Partial<EvaluationRequest> = {},
): EvaluationPlan {
  const document = sampleDocument();
  const definition = definitionOf(document);
  definition['perfsignature'] = perfsignature;
  definition['comparisons'] = [{ name: 'Scenario', source: 'Staging', compare: 'Production', ...comparison }];
  return planEvaluation(monspecOf(document), {
    service: 'SampleJSonService',
    comparison: 'Scenario',
    windowMinutes: 5,
    endMs: END_MS,
    ...request,
  });
}

/** Evaluates a plan with display values given per entry, in entry order. */
export function evaluateValues(
  plan: EvaluationPlan,
  source: readonly (number | null)[],
  compare: readonly (number | null)[],
  notes?: EvaluationNotes,
): EvaluationResult {
  const byPath = (values: readonly (number | null)[]) =>
    new Map(plan.entries.map((entry, index) => [entry.path, values[index] ?? null] as const));
  return evaluatePlan(plan, { source: byPath(source), compare: byPath(compare) }, notes);
}
