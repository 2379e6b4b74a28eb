/**
 * Azure Table Storage state of the self-healing function: exactly-once claims of Dynatrace problems,
 * their recorded outcomes, and the deployments the function triggered (loop protection).
 */
export { ClaimLostError } from './claim-lost-error';
export { createTableSelfHealStore, type TableSelfHealStoreOptions } from './create-table-selfheal-store';
export { describeTableEndpoint, type TableEndpoint } from './describe-table-endpoint';
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
