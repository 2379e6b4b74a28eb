import { type ServerResponse } from 'node:http';

import { ApiError } from './api-error';
import { type RequestBody } from './read-body';
import { type SimResponse } from './route';

/** A response plus the headers specific to it (e.g. `Retry-After`, `Allow`). */
export interface Answer extends SimResponse {
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request body as JSON: absent, parsed, or not JSON (kept as text for the request log). */
export type ParsedJson =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly text: string; readonly reason: string };

export function parseJson(body: RequestBody): ParsedJson {
  if (body.kind !== 'text') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(body.text) as unknown };
  } catch (error) {
    return {
      kind: 'invalid',
      text: body.text,
      reason: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Runs a handler and maps whatever it throws to an error answer — the one place errors become statuses. */
export function answerWith(produce: () => SimResponse): Answer {
  try {
    return produce();
  } catch (error) {
    return errorAnswer(error instanceof ApiError ? error : internalError(error));
  }
}

/** The status, envelope and headers of an {@link ApiError}. */
export function errorAnswer(error: ApiError): Answer {
  return { status: error.status, body: error.envelope(), headers: error.headers };
}

/** A 500 for a bug in the simulator itself. */
export function internalError(error: unknown): ApiError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ApiError(500, `Internal error of the Dynatrace simulator: ${reason}`);
}

/** Writes an answer as JSON (or with an empty body), adding `extraHeaders` such as the rate-limit headers. */
export function send(
  response: ServerResponse,
  answer: Answer,
  extraHeaders: Readonly<Record<string, string>>,
): void {
  if (response.destroyed) return;
  const headers: Record<string, string> = { ...extraHeaders, ...(answer.headers ?? {}) };
  if (answer.body === undefined) {
    response.writeHead(answer.status, { ...headers, 'Content-Length': '0' }).end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  response
    .writeHead(answer.status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(payload)),
    })
    .end(payload);
}
