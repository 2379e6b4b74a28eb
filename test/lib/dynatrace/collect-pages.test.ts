import assert from 'node:assert/strict';

import { collectPages } from '../../../lib/dynatrace/collect-pages';
import { PageLimitError } from '../../../lib/dynatrace/page-limit-error';

interface Page {
  readonly items: readonly number[];
  readonly next?: string;
  readonly total: number;
}

function listing(pages: Readonly<Record<string, Page>>, maxPages = 20) {
  const cursors: (string | undefined)[] = [];
  return {
    cursors,
    run: () =>
      collectPages<Page, number>({
        serviceName: 'Dynatrace',
        method: 'GET',
        path: '/api/v2/events',
        noun: 'events',
        maxPages,
        fetchPage: (cursor) => {
          cursors.push(cursor);
          const page = pages[cursor ?? 'first'];
          return page ? Promise.resolve(page) : Promise.reject(new Error(`no page ${String(cursor)}`));
        },
        itemsOf: (page) => page.items,
        cursorOf: (page) => page.next,
        totalOf: (page) => page.total,
      }),
  };
}

describe('collectPages', () => {
  const threePages = {
    first: { items: [1, 2], next: 'k2', total: 5 },
    k2: { items: [3, 4], next: 'k3', total: 5 },
    k3: { items: [5], total: 5 },
  };

  it('follows the cursor until the last page and returns every item in order', async () => {
    const walk = listing(threePages);
    assert.deepEqual(await walk.run(), [1, 2, 3, 4, 5]);
    assert.deepEqual(walk.cursors, [undefined, 'k2', 'k3']);
  });

  it('treats an empty cursor as the end', async () => {
    assert.deepEqual(await listing({ first: { items: [1], next: '', total: 1 } }).run(), [1]);
  });

  it('fails instead of returning a truncated list when more than maxPages pages exist', async () => {
    await assert.rejects(listing(threePages, 2).run(), (error: unknown) => {
      assert.ok(error instanceof PageLimitError);
      assert.equal(error.fetchedItems, 4);
      assert.equal(error.totalCount, 5);
      assert.equal(
        error.message,
        'Dynatrace GET /api/v2/events has more than 2 pages (4 of 5 events fetched); narrow the query (time frame, selectors) or raise maxPages',
      );
      return true;
    });
  });

  it('reads exactly maxPages pages when the last one ends the listing', async () => {
    assert.deepEqual(await listing(threePages, 3).run(), [1, 2, 3, 4, 5]);
  });

  it('rejects a maxPages that is not a positive integer', async () => {
    await assert.rejects(listing(threePages, 0).run(), /maxPages must be a positive integer; found 0/);
  });
});
