/**
 * The pure monspec core: parse and validate monspec files, plan the Dynatrace queries of a comparison,
 * read the answers, judge them and explain the verdict. No I/O, clock, environment or randomness.
 */
export { buildEntitySelector, quoteSelectorValue } from './build-entity-selector';
export { combineV1Totals, type CombinedTotal } from './combine-v1-totals';
export { evaluatePlan, type EvaluationNotes, type EvaluationValues } from './evaluate-plan';
export type { EntryResult, EvaluatedWindow, EvaluationResult, EvaluationStatus } from './evaluation-result';
export { formatTag } from './format-tag';
export {
  BUILTIN_TIMESERIES_PREFIX,
  METRIC_CATALOG,
  type CatalogMetric,
  type DisplayConversion,
  type MetricDisplay,
} from './metric-catalog';
export { MetricResponseError } from './metric-response-error';
export {
  ENTITY_TYPES,
  MISSING_DATA_POLICIES,
  type Aggregate,
  type Comparison,
  type EntityDefinition,
  type EntityType,
  type EnvironmentMatch,
  type MetricReference,
  type MissingDataPolicy,
  type Monspec,
  type MonspecEnvironment,
  type MonspecTag,
  type PerfSignatureEntry,
  type ScaleFactorOverride,
  type Validate,
} from './monspec';
export { MonspecRequestError } from './monspec-request-error';
export { formatMonspecIssue, MonspecValidationError, type MonspecIssue } from './monspec-validation-error';
export { parseMonspec } from './parse-monspec';
export { type PlannedEntry, type TimeseriesAggregationType, type TimeseriesQuery } from './plan-entry';
export {
  MAX_SELECTORS_PER_QUERY,
  MAX_WINDOW_MINUTES,
  planEvaluation,
  type EvaluationPlan,
  type EvaluationRequest,
  type MetricQuery,
  type MissingDataRule,
  type WindowPlan,
} from './plan-evaluation';
export { planTimeseriesV1, type V1Request } from './plan-timeseries-v1';
export { readWindowValues, type MetricSeriesResponse, type WindowValues } from './read-window-values';
export { renderMarkdown } from './render-markdown';
export { validateMonspec, type ValidatedMonspec } from './validate-monspec';
