/**
 * The form in which two Azure DevOps organization (collection) URLs are compared: scheme, host and path
 * in lower case with one trailing slash. Organization names are case-insensitive in Azure DevOps, so
 * `https://dev.azure.com/Fabrikam` and `https://dev.azure.com/fabrikam/` are the same collection; the two
 * URL styles (`dev.azure.com/org` and `org.visualstudio.com`) are not treated as equal.
 */
export function collectionKey(uri: string): string {
  const trimmed = uri.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed.toLowerCase();
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/*$/, '/')}`.toLowerCase();
}

/**
 * The allowed collection a deployment's collection URI refers to, if any. The returned value is the
 * configured URL (what the token may be sent to), never the URI from the event.
 */
export function matchAllowedCollection(
  uri: string,
  allowedCollections: readonly string[],
): string | undefined {
  const key = collectionKey(uri);
  return allowedCollections.find((allowed) => collectionKey(allowed) === key);
}
