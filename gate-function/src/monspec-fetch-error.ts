/**
 * Why a monspec could not be fetched from `monspecUrl`:
 * - `refused`: the URL, a redirect or an address of the host is not allowed (never contacted);
 * - `answered`: the host answered with an error status (`status` says which);
 * - `too-large`: the document exceeds the size limit;
 * - `unreachable`: DNS, connection or TLS failure;
 * - `timeout`: the fetch took longer than `MONSPEC_FETCH_TIMEOUT_SECONDS`;
 * - `aborted`: the caller gave up (the gate's overall deadline).
 */
export type MonspecFetchErrorKind =
  'refused' | 'answered' | 'too-large' | 'unreachable' | 'timeout' | 'aborted';

/**
 * `monspecUrl` could not be used. Messages show the URL without its query string (which may hold a SAS
 * token) and never contain the bearer token.
 */
export class MonspecFetchError extends Error {
  override readonly name = 'MonspecFetchError';
  readonly kind: MonspecFetchErrorKind;
  readonly status: number | undefined;

  constructor(
    kind: MonspecFetchErrorKind,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
  }
}
