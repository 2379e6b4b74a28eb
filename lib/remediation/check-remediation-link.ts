/** Where an event's remediation action link may be called. */
export type RemediationLinkCheck =
  /** The link points back at this function (the push task's default): roll back instead of calling it. */
  | { readonly kind: 'this-function' }
  | { readonly kind: 'allowed'; readonly url: string }
  | { readonly kind: 'rejected'; readonly reason: string };

const SELF_PATH = '/api/selfheal';

/**
 * Checks a remediation action link taken from a deployment event. The link is data from Dynatrace and may
 * have been written by anyone who can send events, so it is called (with the configured credentials) only
 * when it is https — plain http only for loopback hosts, where tests run — carries no credentials, and its
 * host is on the allow-list. Allow-list entries are host names (`tower.example.com`), host and port
 * (`tower.example.com:8443`) or a wildcard for subdomains (`*.example.com`, which does not match
 * `example.com` itself). Messages show the link without its query string.
 *
 * @param selfUrl the URL this notification arrived at, to recognise links back to this function
 */
export function checkRemediationLink(
  link: string,
  allowedHosts: readonly string[],
  selfUrl: string | undefined,
): RemediationLinkCheck {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return {
      kind: 'rejected',
      reason: `the remediation action link "${link.slice(0, 120)}" is not an absolute URL`,
    };
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (refersToThisFunction(url, selfUrl)) return { kind: 'this-function' };
  if (url.username !== '' || url.password !== '') {
    return { kind: 'rejected', reason: `the remediation action link ${shown} contains credentials` };
  }
  const loopback = isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return {
      kind: 'rejected',
      reason: `the remediation action link ${shown} does not use https (plain http is accepted only for loopback hosts)`,
    };
  }
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  const allowed = allowedHosts.some((entry) => {
    const pattern = entry.trim().toLowerCase();
    if (pattern.startsWith('*.')) return hostname.endsWith(pattern.slice(1));
    // An entry with a port can only equal `host`; one without matches the host name on any port.
    return pattern === hostname || pattern === host;
  });
  if (!allowed) {
    return {
      kind: 'rejected',
      reason:
        `the remediation action link points to ${url.host}, which is not an allowed remediation host ` +
        `(REMEDIATION_ALLOWED_HOSTS${allowedHosts.length === 0 ? ' is empty' : `: ${allowedHosts.join(', ')}`})`,
    };
  }
  return { kind: 'allowed', url: url.toString() };
}

function refersToThisFunction(url: URL, selfUrl: string | undefined): boolean {
  const path = url.pathname.replace(/\/+$/, '').toLowerCase();
  if (path.endsWith(SELF_PATH)) return true;
  if (selfUrl === undefined) return false;
  try {
    const self = new URL(selfUrl);
    return (
      self.origin.toLowerCase() === url.origin.toLowerCase() &&
      self.pathname.replace(/\/+$/, '').toLowerCase() === path
    );
  } catch {
    return false;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
