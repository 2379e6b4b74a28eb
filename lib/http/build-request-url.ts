/** A query parameter value; arrays become repeated parameters and `undefined` is left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Query parameters of a request. */
export type QueryParameters = Readonly<Record<string, QueryValue>>;

/**
 * Joins a base URL, a path and query parameters into the URL that is sent.
 *
 * Keys and values are percent-encoded with `encodeURIComponent`, so a space is `%20` and a `+`
 * (as in Dynatrace's `fields=+tags`) is `%2B`: unambiguous for every server, unlike form encoding.
 * An array becomes repeated parameters (`entity=a&entity=b`), which is what the Dynatrace v1 API and
 * Azure DevOps expect; callers that need a comma-joined list join it themselves.
 *
 * @param baseUrl - e.g. `https://abc123.live.dynatrace.com` or `https://host/e/env-id` (trailing `/` ignored).
 * @param path - starts with `/`; may already contain a query string.
 */
export function buildRequestUrl(baseUrl: string, path: string, query?: QueryParameters): string {
  if (!path.startsWith('/')) {
    throw new TypeError(`A request path must start with "/"; found "${path}".`);
  }
  const base = baseUrl.replace(/\/+$/, '');
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of queryItems(value)) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
    }
  }
  if (pairs.length === 0) {
    return base + path;
  }
  return base + path + (path.includes('?') ? '&' : '?') + pairs.join('&');
}

/** The path without its query string or fragment: what error messages and logs may show. */
export function pathWithoutQuery(path: string): string {
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

function queryItems(value: QueryValue): readonly string[] {
  if (value === undefined) {
    return [];
  }
  if (typeof value === 'string') {
    return [value];
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return [String(value)];
  }
  return value;
}
