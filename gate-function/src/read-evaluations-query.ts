import { type EvaluationQuery } from '../../lib/store';
import {
  type QueryParameters,
  readLimit,
  readName,
  readSince,
  refuseUnknownParameters,
} from './history-query-parameters';

export const DEFAULT_EVALUATIONS_LIMIT = 50;
export const MAX_EVALUATIONS_LIMIT = 500;

/**
 * The query of `GET /api/evaluations`: `service`, `comparison` (exact matches), `since` (epoch ms or ISO
 * 8601) and `limit` (default 50, at most 500), all optional.
 *
 * @throws GateRequestError (400) naming the parameter at fault.
 */
export function readEvaluationsQuery(query: QueryParameters): EvaluationQuery {
  refuseUnknownParameters(query, ['service', 'comparison', 'since', 'limit']);
  const service = readName(query, 'service');
  const comparison = readName(query, 'comparison');
  const since = readSince(query);
  return {
    ...(service === undefined ? {} : { service }),
    ...(comparison === undefined ? {} : { comparison }),
    ...(since === undefined ? {} : { since }),
    limit: readLimit(query, DEFAULT_EVALUATIONS_LIMIT, MAX_EVALUATIONS_LIMIT),
  };
}
