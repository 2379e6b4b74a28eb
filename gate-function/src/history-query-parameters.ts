import { GateRequestError } from './gate-request-error';

/** The query of a history request; `code` (the function key) is always allowed and never read. */
export type QueryParameters = Pick<URLSearchParams, 'get' | 'getAll' | 'keys'>;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const MAX_NAME_LENGTH = 512;

/**
 * Refuses parameters the endpoint does not know, so that a typo (`servce=`) is a 400 rather than a listing
 * of everything.
 *
 * @throws GateRequestError (400) naming the parameter and the ones that are known.
 */
export function refuseUnknownParameters(query: QueryParameters, known: readonly string[]): void {
  for (const name of new Set(query.keys())) {
    if (name !== 'code' && !known.includes(name)) {
      throw new GateRequestError(
        `${shown(name)}: unknown query parameter; expected ${known.join(', ')} (names are case-sensitive)`,
        { path: name },
      );
    }
  }
}

/**
 * A name parameter (service, comparison, evaluation): absent or one non-empty value.
 *
 * @throws GateRequestError (400) when it is empty, repeated or too long.
 */
export function readName(query: QueryParameters, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new GateRequestError(`${name}: must not be empty`, { path: name });
  if (value.length > MAX_NAME_LENGTH) {
    throw new GateRequestError(
      `${name}: expected at most ${MAX_NAME_LENGTH} characters, found ${value.length}`,
      {
        path: name,
      },
    );
  }
  return value;
}

/**
 * `limit`: a whole number from 1 to `max`, `fallback` when absent.
 *
 * @throws GateRequestError (400) naming `limit`.
 */
export function readLimit(query: QueryParameters, fallback: number, max: number): number {
  const value = single(query, 'limit');
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new GateRequestError(`limit: expected a whole number from 1 to ${max}, found "${clip(value)}"`, {
      path: 'limit',
    });
  }
  return Number(value);
}

/**
 * `since`: epoch milliseconds or an ISO 8601 time with a zone; `undefined` when absent.
 *
 * @throws GateRequestError (400) naming `since`.
 */
export function readSince(query: QueryParameters): number | undefined {
  const value = single(query, 'since');
  if (value === undefined) return undefined;
  const epochMs = /^\d+$/.test(value) ? Number(value) : ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isSafeInteger(epochMs) || epochMs < 0) {
    throw new GateRequestError(
      `since: expected epoch milliseconds or an ISO 8601 time with a zone (2026-03-01T00:00:00Z), found "${clip(value)}"`,
      { path: 'since' },
    );
  }
  return epochMs;
}

function single(query: QueryParameters, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw new GateRequestError(`${name}: expected one value, found ${values.length}`, { path: name });
  }
  return values[0];
}

function shown(name: string): string {
  return JSON.stringify(clip(name));
}

function clip(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 59)}…`;
}
