import { PageLimitError } from './page-limit-error';

/** How to walk one cursor-paged Dynatrace listing. */
export interface PagedListing<TPage, TItem> {
  readonly serviceName: string;
  readonly method: string;
  readonly path: string;
  /** Plural noun for messages: `events`, `problems`, … */
  readonly noun: string;
  readonly maxPages: number;
  /** Fetches the first page (`cursor` undefined) or the page a cursor points at. */
  readonly fetchPage: (cursor: string | undefined) => Promise<TPage>;
  readonly itemsOf: (page: TPage) => readonly TItem[];
  /** The cursor of the next page; `undefined`, `null` or empty when this was the last. */
  readonly cursorOf: (page: TPage) => string | undefined;
  readonly totalOf?: (page: TPage) => number | undefined;
}

/**
 * Fetches pages one after another until the listing ends and returns all items in order.
 *
 * @throws PageLimitError when more than `maxPages` pages would be needed.
 */
export async function collectPages<TPage, TItem>(listing: PagedListing<TPage, TItem>): Promise<TItem[]> {
  if (!Number.isInteger(listing.maxPages) || listing.maxPages < 1) {
    throw new RangeError(`maxPages must be a positive integer; found ${String(listing.maxPages)}.`);
  }
  const items: TItem[] = [];
  let cursor: string | undefined;
  for (let pages = 0; ;) {
    const page = await listing.fetchPage(cursor);
    pages += 1;
    items.push(...listing.itemsOf(page));
    cursor = listing.cursorOf(page) || undefined;
    if (cursor === undefined) {
      return items;
    }
    if (pages >= listing.maxPages) {
      const totalCount = listing.totalOf?.(page);
      throw new PageLimitError({
        serviceName: listing.serviceName,
        method: listing.method,
        path: listing.path,
        noun: listing.noun,
        maxPages: listing.maxPages,
        fetchedItems: items.length,
        ...(totalCount === undefined ? {} : { totalCount }),
      });
    }
  }
}
