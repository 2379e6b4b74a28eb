import { timingSafeEqual } from 'node:crypto';

/**
 * Decides whether a request carries an accepted credential (api-facts §B.4): HTTP Basic with any user
 * name and a known PAT as the password (node-api sends `PAT:<token>`, others `:<token>`), or
 * `Bearer <token>` with a known token (a job access token).
 */
export function isAuthenticated(
  authorization: string | undefined,
  acceptedTokens: readonly string[],
): boolean {
  if (authorization === undefined) return false;
  const [scheme = '', credential = ''] = authorization.trim().split(/\s+/, 2);
  let token: string;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    token = decoded.slice(colon + 1);
  } else if (scheme.toLowerCase() === 'bearer') {
    token = credential;
  } else {
    return false;
  }
  return token !== '' && acceptedTokens.some((accepted) => sameToken(accepted, token));
}

/**
 * Whether the client asked for a plain 401 (`X-TFS-FedAuthRedirect: Suppress`) instead of the sign-in
 * page the service otherwise answers unauthenticated API calls with.
 */
export function suppressesSignInRedirect(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.some((value) => value.split(',').some((part) => part.trim().toLowerCase() === 'suppress'));
}

/** The HTML sign-in page returned with 203 when the redirect is not suppressed. */
export const signInPage =
  '<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head>' +
  '<body><p>Sign in to your account to continue to Azure DevOps.</p></body></html>';

function sameToken(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}
