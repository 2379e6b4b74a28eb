/**
 * A paged listing had more pages than the caller allowed. Thrown instead of returning a silently
 * truncated list, which would look complete (a missed deployment event means a missed rollback).
 */
export class PageLimitError extends Error {
  override readonly name = 'PageLimitError';
  readonly method: string;
  readonly path: string;
  readonly maxPages: number;
  readonly fetchedItems: number;
  /** What the service reported as the total, when it did. */
  readonly totalCount: number | undefined;

  constructor(init: {
    readonly serviceName: string;
    readonly method: string;
    readonly path: string;
    readonly noun: string;
    readonly maxPages: number;
    readonly fetchedItems: number;
    readonly totalCount?: number;
  }) {
    const total = init.totalCount === undefined ? '' : ` of ${init.totalCount}`;
    super(
      `${init.serviceName} ${init.method} ${init.path} has more than ${init.maxPages} pages ` +
        `(${init.fetchedItems}${total} ${init.noun} fetched); narrow the query (time frame, selectors) or raise maxPages`,
    );
    this.method = init.method;
    this.path = init.path;
    this.maxPages = init.maxPages;
    this.fetchedItems = init.fetchedItems;
    this.totalCount = init.totalCount;
  }
}
