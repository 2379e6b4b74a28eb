export { collectPages, type PagedListing } from './collect-pages';
export { createDynatraceClient } from './create-dynatrace-client';
export { createDynatraceError, DynatraceApiError } from './dynatrace-api-error';
export {
  type CallOptions,
  type DynatraceClient,
  type DynatraceClientOptions,
  type DynatraceV1Client,
  type EntityQuery,
  type EventQuery,
  type MetricQuery,
  type PagingOptions,
  type ProblemCommentInput,
  type ProblemQuery,
  type TimeseriesQuery,
  type V1EventQuery,
  type V1ProblemCommentInput,
} from './dynatrace-client';
export { normalizeEnvironmentUrl } from './normalize-environment-url';
export { PageLimitError } from './page-limit-error';
export {
  type ConstraintViolation,
  describeDynatraceErrorBody,
  type ErrorEnvelope,
  readErrorEnvelope,
} from './read-error-envelope';
export type * from './types';
