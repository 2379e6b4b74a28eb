/**
 * Azure Table Storage state: the self-healing function's exactly-once claims of Dynatrace problems, their
 * recorded outcomes and the deployments it triggered (loop protection); and the gate's evaluation history.
 */
export { ClaimLostError } from './claim-lost-error';
export { createTableSelfHealStore, type TableSelfHealStoreOptions } from './create-table-selfheal-store';
export {
  createTableEvaluationHistory,
  DEFAULT_MAX_PER_SERIES,
  DEFAULT_RETENTION_DAYS,
  type TableEvaluationHistoryOptions,
} from './create-table-evaluation-history';
export { describeTableEndpoint, type TableEndpoint } from './describe-table-endpoint';
export {
  MAX_LIST_LIMIT,
  type EvaluationHistory,
  type EvaluationPage,
  type EvaluationQuery,
  type EvaluationSeries,
  type HistoryCallOptions,
  type PipelineIdentity,
  type RecordedEvaluation,
  type RecordedResult,
  type RecordedStatus,
  type RecordedWindow,
  type RecordOutcome,
  type SeriesList,
} from './evaluation-history';
export { MAX_RECORDABLE_TIME } from './evaluation-keys';
export { toRowKey } from './problem-row-key';
export type {
  ClaimPhase,
  ClaimRequest,
  ClaimResult,
  OutcomeState,
  ProblemClaim,
  ProblemOutcome,
  ProblemRecord,
  ProblemState,
  SelfHealStore,
  TriggeredDeployment,
} from './selfheal-store';
export { StoreUnavailableError } from './store-unavailable-error';
export { StoredRecordError } from './stored-record-error';
