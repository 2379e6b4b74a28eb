const EXAMPLES = 'e.g. https://abc12345.live.dynatrace.com or https://{your-domain}/e/{environment-id}';

/** The Environment API lives under the environment URL; users often paste it with these suffixes. */
const API_SUFFIX = /\/api(?:\/v[12])?\/*$/i;

/**
 * Turns the Dynatrace environment URL a user configured into the base the API paths are appended to.
 *
 * Accepts SaaS (`https://abc12345.live.dynatrace.com`) and Managed / ActiveGate
 * (`https://host[:9999]/e/<environment-id>`) URLs, with trailing slashes and with a mistakenly
 * appended `/api`, `/api/v1` or `/api/v2`, and returns them without a trailing slash. https is
 * required (the API token travels in a header), except for loopback hosts, where the simulators
 * listen.
 *
 * @throws TypeError naming the value and what was expected.
 */
export function normalizeEnvironmentUrl(value: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new TypeError(
      `The Dynatrace environment URL "${trimmed}" is not an absolute URL; expected ${EXAMPLES}.`,
    );
  }
  const shown = withoutCredentials(url);
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(
      `The Dynatrace environment URL "${shown}" must not contain credentials; pass the API token separately.`,
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new TypeError(
      `The Dynatrace environment URL "${shown}" must use https (plain http is accepted only for 127.0.0.1, ` +
        `localhost and [::1]); expected ${EXAMPLES}.`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(
      `The Dynatrace environment URL "${url.origin}${url.pathname}" must not contain a query string or fragment; ` +
        `expected ${EXAMPLES}.`,
    );
  }
  if (url.hostname.endsWith('.apps.dynatrace.com')) {
    const environmentId = url.hostname.slice(0, -'.apps.dynatrace.com'.length);
    throw new TypeError(
      `The Dynatrace environment URL "${shown}" is the platform UI address; the Environment API is served at ` +
        `https://${environmentId}.live.dynatrace.com.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '').replace(API_SUFFIX, '').replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** The URL as text with any `user:password@` removed, so an error can show it safely. */
function withoutCredentials(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
