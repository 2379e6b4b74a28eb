/**
 * One entry of `MONSPEC_ALLOWED_HOSTS`: an exact host name (`raw.githubusercontent.com`) or a wildcard for
 * every subdomain (`*.blob.core.windows.net`, which does not match `blob.core.windows.net` itself).
 */
export type HostPattern =
  | { readonly kind: 'exact'; readonly host: string }
  | { readonly kind: 'subdomains'; readonly suffix: string };

/**
 * Reads a comma-separated host list. Names are compared in their canonical URL form (lower case,
 * punycode, no trailing dot), so `Example.COM.` and `example.com` are the same host.
 *
 * @throws RangeError naming the entry that is not a host name or `*.` wildcard.
 */
export function parseAllowedHosts(text: string): HostPattern[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseEntry);
}

/** Whether a URL's host name (as `URL.hostname` gives it) is on the list. */
export function isAllowedHost(hostname: string, patterns: readonly HostPattern[]): boolean {
  const host = canonicalHost(hostname);
  return patterns.some((pattern) =>
    pattern.kind === 'exact' ? pattern.host === host : host.endsWith(pattern.suffix),
  );
}

/** Renders the list the way it was configured, for messages. */
export function formatAllowedHosts(patterns: readonly HostPattern[]): string {
  return patterns
    .map((pattern) => (pattern.kind === 'exact' ? pattern.host : `*${pattern.suffix}`))
    .join(', ');
}

function parseEntry(entry: string): HostPattern {
  const bracketedIpv6 = /^\[[0-9a-f:.]+\]$/i.test(entry);
  if (!bracketedIpv6 && /[/:@?#\s]/.test(entry)) {
    throw new RangeError(
      `"${entry}" is not a host name; list host names only, without scheme, port or path (e.g. raw.githubusercontent.com, *.blob.core.windows.net)`,
    );
  }
  if (entry.startsWith('*.')) {
    const domain = canonicalEntry(entry.slice(2), entry);
    if (!domain.includes('.')) {
      throw new RangeError(
        `"${entry}" would allow every host of a top-level domain; name a registrable domain such as *.example.com`,
      );
    }
    return { kind: 'subdomains', suffix: `.${domain}` };
  }
  if (entry.includes('*')) {
    throw new RangeError(
      `"${entry}" is not supported; a wildcard may only stand for whole subdomains, as in *.example.com`,
    );
  }
  return { kind: 'exact', host: canonicalEntry(entry, entry) };
}

function canonicalEntry(host: string, entry: string): string {
  let hostname: string;
  try {
    hostname = new URL(`https://${host}/`).hostname;
  } catch {
    throw new RangeError(`"${entry}" is not a valid host name`);
  }
  return canonicalHost(hostname);
}

function canonicalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}
