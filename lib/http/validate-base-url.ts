/**
 * Checks the base URL of a service client and returns it without a trailing slash.
 *
 * @throws TypeError naming the service and what is wrong.
 */
export function validateBaseUrl(value: string, serviceName: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`The ${serviceName} base URL must be an absolute http(s) URL; found "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`The ${serviceName} base URL must use http or https; found "${url.protocol}".`);
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in the URL would travel outside the redacted headers and show up in any URL
    // that is logged; they belong in `headers`.
    throw new TypeError(
      `The ${serviceName} base URL must not contain credentials (user:password@); pass them as headers.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    // Not echoed: a query string is where a misplaced token would be.
    throw new TypeError(`The ${serviceName} base URL must not contain a query string or fragment.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
