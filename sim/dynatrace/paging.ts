import { invalidParameter } from './api-error';

/** Values an item is ordered by; the last component is a unique sequence number, so the order is total. */
export type SortKey = readonly (string | number)[];

/** How a collection is ordered: `descending[i]` applies to component `i` of the key. */
export interface SortOrder<T> {
  key(item: T): SortKey;
  readonly descending: readonly boolean[];
}

/** One page of a sorted collection and the key to continue after, when more items follow. */
export interface Page<T> {
  readonly items: T[];
  readonly continueAfter: SortKey | undefined;
}

/** Sorts `items` by `order`. */
export function sortBy<T>(items: readonly T[], order: SortOrder<T>): T[] {
  return [...items].sort((left, right) => compareKeys(order.key(left), order.key(right), order.descending));
}

/**
 * The next `pageSize` items of `sorted` after the position `after`. Continuing from a key instead of an
 * offset keeps paging stable while new items arrive (new events sort before the cursor, not into it).
 */
export function takePage<T>(
  sorted: readonly T[],
  order: SortOrder<T>,
  pageSize: number,
  after: SortKey | undefined,
): Page<T> {
  const remaining =
    after === undefined
      ? sorted
      : sorted.filter((item) => compareKeys(order.key(item), after, order.descending) > 0);
  const items = remaining.slice(0, pageSize);
  const last = items[items.length - 1];
  return {
    items,
    continueAfter: remaining.length > pageSize && last !== undefined ? order.key(last) : undefined,
  };
}

function compareKeys(left: SortKey, right: SortKey, descending: readonly boolean[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const a = left[index];
    const b = right[index];
    if (a === b) continue;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    const order = a < b ? -1 : 1;
    return descending[index] ? -order : order;
  }
  return 0;
}

/** Encodes paging state into an opaque `nextPageKey`. */
export function encodePageKey(kind: string, state: unknown): string {
  return Buffer.from(JSON.stringify({ kind, state }), 'utf8').toString('base64url');
}

/**
 * Decodes a `nextPageKey` produced by {@link encodePageKey} for the same `kind`; 400 naming `parameter`
 * when it is malformed or belongs to another endpoint.
 */
export function decodePageKey(kind: string, key: string, parameter = 'nextPageKey'): unknown {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(key, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (typeof decoded !== 'object' || decoded === null || !('kind' in decoded) || decoded.kind !== kind) {
    throw invalidParameter(parameter, `is not a page key issued by this endpoint: ${JSON.stringify(key)}`);
  }
  return 'state' in decoded ? decoded.state : undefined;
}

/** Reads back a sort key stored in a page key; 400 when it has the wrong shape. */
export function sortKeyFrom(value: unknown, parameter = 'nextPageKey'): SortKey {
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string' || typeof part === 'number')) {
    throw invalidParameter(parameter, 'is not a valid page key (it holds no position)');
  }
  return value;
}
