import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request carries the function key, the way Azure Functions accepts it: the `x-functions-key`
 * header or the `code` query parameter. Compared in constant time (over digests, so lengths do not
 * leak either).
 */
export function hasFunctionKey(headers: IncomingHttpHeaders, url: URL, key: string): boolean {
  const header = headers['x-functions-key'];
  const presented = [
    ...(Array.isArray(header) ? header : header === undefined ? [] : [header]),
    ...url.searchParams.getAll('code'),
  ];
  const expected = digest(key);
  return presented.some((candidate) => timingSafeEqual(digest(candidate), expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
