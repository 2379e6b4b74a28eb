const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks and normalises the organization (collection) URL: `https://dev.azure.com/{org}/`,
 * `https://{org}.visualstudio.com/` or an Azure DevOps Server collection, with a trailing slash.
 * Plain http is accepted only for loopback hosts (the simulator). Credentials, query strings and the
 * Release Management host (`vsrm…`, which node-api finds by itself) are rejected.
 *
 * @throws RangeError naming `collectionUrl`, what was expected and what was found
 */
export function normalizeCollectionUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new RangeError(
      `collectionUrl: expected an absolute URL such as https://dev.azure.com/fabrikam/, found "${value}"`,
    );
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.username !== '' || url.password !== '') {
    throw new RangeError(
      `collectionUrl: must not contain credentials (pass the token separately), found a URL with a user name for ${shown}`,
    );
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && loopbackHosts.has(url.hostname.toLowerCase()))
  ) {
    throw new RangeError(
      `collectionUrl: expected https (plain http only for 127.0.0.1/localhost), found ${shown}`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new RangeError(`collectionUrl: expected no query string or fragment, found ${value}`);
  }
  if (/^vsrm\./i.test(url.hostname) || /\.vsrm\./i.test(url.hostname)) {
    throw new RangeError(
      `collectionUrl: expected the organization URL (e.g. https://dev.azure.com/fabrikam/), found the Release Management host ${shown}; the release host is discovered automatically`,
    );
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/*$/, '/')}`;
}
