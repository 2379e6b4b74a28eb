import { type IncomingHttpHeaders } from 'node:http';

/** A request the simulator received, in arrival order. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  /** Query parameters; a repeated parameter (`entity=a&entity=b`) becomes an array. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Request headers as Node received them (lower-case names), including `authorization`. */
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** Parsed JSON body, the raw text when it was not JSON, or `undefined` when there was none. */
  readonly body: unknown;
  /** Answered status; `null` while unanswered (a `hang` fault) or when the socket was reset. */
  readonly status: number | null;
  /** Simulator clock when the request arrived (epoch ms). */
  readonly receivedAt: number;
}

/** A recorded request whose status is filled in once it is answered. */
export type PendingRecordedRequest = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

/** Query parameters as a record, repeated ones as arrays. */
export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    record[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return record;
}

/**
 * A copy safe to hand out over HTTP: the token in `Authorization` and in the `api-token` query parameter is
 * replaced, so the control API never echoes a secret.
 */
export function redactRequest(request: RecordedRequest): RecordedRequest {
  const headers = { ...request.headers };
  if (headers.authorization !== undefined)
    headers.authorization = headers.authorization.replace(/^(\S+\s+).*$/s, '$1***');
  const query = { ...request.query };
  if (query['api-token'] !== undefined) query['api-token'] = '***';
  return { ...request, headers, query };
}
