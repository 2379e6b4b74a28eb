/**
 * Socket-level failures worth another attempt: the connection broke or could not be made for a
 * reason that usually passes (a restarting server, a load balancer dropping idle connections, a
 * DNS hiccup). Certificate problems and unknown host names are not among them: retrying only
 * delays the inevitable error.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
  // axios's code for an answer whose stream broke off midway.
  'ERR_BAD_RESPONSE',
]);

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection was closed while sending',
  ETIMEDOUT: 'the connection timed out',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  ENOTFOUND: 'the host name could not be resolved',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  EHOSTUNREACH: 'the host is unreachable',
  EHOSTDOWN: 'the host is down',
  ERR_STREAM_PREMATURE_CLOSE: 'the connection closed before the answer was complete',
  ERR_BAD_RESPONSE: 'the answer broke off before it was complete',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain contains a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate could not be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the server certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match the host name',
};

/** Whether a failure with this system error code may succeed on another attempt. */
export function isTransientNetworkError(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/** A human description of a network failure, e.g. `the connection was reset (ECONNRESET)`. */
export function describeNetworkError(code: string | undefined): string {
  if (code === undefined) {
    return 'the request failed before an answer arrived';
  }
  const description = DESCRIPTIONS[code];
  return description === undefined ? `the request failed (${code})` : `${description} (${code})`;
}
