import { invalidArgument } from './ado-service-error';

/** One page of a list and the token for the next one (sent back in `x-ms-continuationtoken`). */
export interface ContinuationPage<T> {
  readonly items: readonly T[];
  readonly continuationToken: string | undefined;
}

/**
 * Pages an already sorted list the way the Release and Build APIs do: the continuation token is the sort
 * key of the first item of the next page (for releases and deployments, their id), and a request with
 * a token resumes at the first item at or past it in the list's order.
 *
 * @param sortKey the integer the list is ordered by (ascending or descending as `descending` says)
 */
export function continuationPage<T>(
  sorted: readonly T[],
  options: {
    readonly top: number;
    readonly token: number | undefined;
    readonly descending: boolean;
    readonly sortKey: (item: T) => number;
  },
): ContinuationPage<T> {
  if (!Number.isInteger(options.top) || options.top < 1)
    throw invalidArgument(`$top must be a positive integer, found ${options.top}.`);
  const { token } = options;
  const start =
    token === undefined
      ? sorted
      : sorted.filter((item) =>
          options.descending ? options.sortKey(item) <= token : options.sortKey(item) >= token,
        );
  const items = start.slice(0, options.top);
  const next = start[options.top];
  return { items, continuationToken: next === undefined ? undefined : String(options.sortKey(next)) };
}

/**
 * Pages with an opaque string token (builds, environment deployment records): the token names the first
 * item of the next page, so runs queued meanwhile at the head of a newest-first list do not shift the
 * pages; it is encoded so a client can only replay it, not construct it.
 */
export function opaqueContinuationPage<T>(
  sorted: readonly T[],
  options: {
    readonly top: number;
    readonly token: string | undefined;
    readonly parameter: string;
    readonly idOf: (item: T) => number;
  },
): ContinuationPage<T> {
  if (!Number.isInteger(options.top) || options.top < 1)
    throw invalidArgument(`$top must be a positive integer, found ${options.top}.`);
  let start = 0;
  if (options.token !== undefined) {
    const decoded = /^next:(\d+)$/.exec(Buffer.from(options.token, 'base64url').toString('utf8'));
    const index =
      decoded === null ? -1 : sorted.findIndex((item) => options.idOf(item) === Number(decoded[1]));
    if (index < 0) {
      throw invalidArgument(
        `The value '${options.token}' of query parameter '${options.parameter}' is not a valid continuation token.`,
      );
    }
    start = index;
  }
  const items = sorted.slice(start, start + options.top);
  const next = sorted[start + options.top];
  return {
    items,
    continuationToken:
      next === undefined ? undefined : Buffer.from(`next:${options.idOf(next)}`).toString('base64url'),
  };
}
