import { GateRequestError } from './gate-request-error';
import {
  type QueryParameters,
  readLimit,
  readName,
  refuseUnknownParameters,
} from './history-query-parameters';

/** What `GET /api/report` was asked for. */
export type ReportQuery =
  /** Neither service nor comparison: the list of series. */
  | { readonly kind: 'series' }
  | {
      readonly kind: 'report';
      readonly service: string;
      readonly comparison: string;
      /** The evaluation to highlight (the gate's `reportUrl` names it). */
      readonly evaluationId?: string;
      /** How many recent evaluations the charts show. */
      readonly limit: number;
    };

export const DEFAULT_REPORT_LIMIT = 30;
export const MAX_REPORT_LIMIT = 200;

/**
 * The query of `GET /api/report`: `service` and `comparison` together (or neither, for the list of series),
 * optionally `evaluation` and `limit` (default 30, at most 200).
 *
 * @throws GateRequestError (400) naming the parameter at fault.
 */
export function readReportQuery(query: QueryParameters): ReportQuery {
  refuseUnknownParameters(query, ['service', 'comparison', 'evaluation', 'limit']);
  const service = readName(query, 'service');
  const comparison = readName(query, 'comparison');
  const evaluationId = readName(query, 'evaluation');
  const limit = readLimit(query, DEFAULT_REPORT_LIMIT, MAX_REPORT_LIMIT);
  if (service === undefined && comparison === undefined) {
    if (evaluationId !== undefined) {
      throw new GateRequestError('service: required with evaluation (and so is comparison)', {
        path: 'service',
      });
    }
    return { kind: 'series' };
  }
  if (service === undefined) {
    throw new GateRequestError('service: required with comparison', { path: 'service' });
  }
  if (comparison === undefined) {
    throw new GateRequestError('comparison: required with service', { path: 'comparison' });
  }
  return {
    kind: 'report',
    service,
    comparison,
    ...(evaluationId === undefined ? {} : { evaluationId }),
    limit,
  };
}
