import { lookup as systemLookup } from 'node:dns/promises';
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

import { describeNetworkError } from '../../lib/http';
import { formatAllowedHosts, type HostPattern, isAllowedHost } from './allowed-hosts';
import { isPublicAddress } from './is-public-address';
import { MonspecFetchError } from './monspec-fetch-error';

/** The largest monspec document the gate accepts. */
export const MAX_MONSPEC_BYTES = 1024 * 1024;
/** Same-host redirects followed before giving up. */
export const MAX_MONSPEC_REDIRECTS = 3;

/** One address of a host name. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to every address it has. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Options of {@link createMonspecFetcher}. */
export interface MonspecFetcherOptions {
  /** Hosts a `monspecUrl` may name (`MONSPEC_ALLOWED_HOSTS`); with none, every URL is refused. */
  readonly allowedHosts: readonly HostPattern[];
  /** Sent as `Authorization: Bearer …`, only ever to allowed hosts. */
  readonly bearerToken?: string;
  /** Limit for the whole fetch, redirects included. */
  readonly timeoutMs: number;
  /** Default {@link MAX_MONSPEC_BYTES}. */
  readonly maxBytes?: number;
  /** Default: the system resolver (`dns.lookup` with every address). Tests map names to 127.0.0.1. */
  readonly resolve?: HostResolver;
  /**
   * Whether the fetcher may connect to an address. Default {@link isPublicAddress}. Only tests relax
   * this, to reach a server on 127.0.0.1; configuration cannot.
   */
  readonly isAddressAllowed?: (address: string) => boolean;
  /** Certificate authorities to trust instead of Node's bundled ones (PEM), e.g. a test's self-signed certificate. */
  readonly ca?: string | Buffer;
}

/** A fetched monspec document. */
export interface FetchedMonspec {
  readonly text: string;
  /** Where it came from, for messages: origin and path, the query string elided. */
  readonly url: string;
}

/** Fetches a monspec; rejects with {@link MonspecFetchError} only. */
export type MonspecFetcher = (url: string, signal?: AbortSignal) => Promise<FetchedMonspec>;

/**
 * Creates the fetcher for `monspecUrl`. A request may make the function fetch a URL, so the fetcher
 * refuses to be used against the function's own network: https only, hosts from the allow list only,
 * every address of the host must be public (the connection then goes to exactly the address that was
 * checked, so DNS rebinding cannot swap in another), redirects only to the same host, at most
 * {@link MAX_MONSPEC_BYTES}, within `timeoutMs`.
 */
export function createMonspecFetcher(options: MonspecFetcherOptions): MonspecFetcher {
  const fetcher: Fetcher = {
    allowedHosts: options.allowedHosts,
    bearerToken: options.bearerToken,
    maxBytes: options.maxBytes ?? MAX_MONSPEC_BYTES,
    resolve: options.resolve ?? resolveWithSystem,
    isAddressAllowed: options.isAddressAllowed ?? isPublicAddress,
    ca: options.ca,
  };
  return async (text, signal) => {
    let url = checkMonspecUrl(text, fetcher);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    for (let redirects = 0; ; redirects += 1) {
      const outcome = await fetchOnce(url, fetcher, combined, () =>
        timeout.aborted
          ? new MonspecFetchError(
              'timeout',
              `monspecUrl ${displayUrl(url)} did not answer within ${options.timeoutMs / 1000} s (MONSPEC_FETCH_TIMEOUT_SECONDS)`,
            )
          : new MonspecFetchError('aborted', `fetching monspecUrl ${displayUrl(url)} was abandoned`),
      );
      if (outcome.kind === 'document') return { text: outcome.text, url: displayUrl(url) };
      if (redirects >= MAX_MONSPEC_REDIRECTS) {
        throw new MonspecFetchError(
          'refused',
          `monspecUrl ${displayUrl(url)} redirected more than ${MAX_MONSPEC_REDIRECTS} times; use the final URL`,
        );
      }
      url = checkRedirect(url, outcome.location);
    }
  };
}

/** How a URL shows up in messages: origin and path. The query string may carry a SAS token, so it is elided. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`;
}

interface Fetcher {
  readonly allowedHosts: readonly HostPattern[];
  readonly bearerToken: string | undefined;
  readonly maxBytes: number;
  readonly resolve: HostResolver;
  readonly isAddressAllowed: (address: string) => boolean;
  readonly ca: string | Buffer | undefined;
}

type Outcome =
  | { readonly kind: 'document'; readonly text: string }
  | { readonly kind: 'redirect'; readonly location: string };

function checkMonspecUrl(text: string, fetcher: Fetcher): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new MonspecFetchError(
      'refused',
      `monspecUrl must be an absolute https URL such as https://raw.githubusercontent.com/org/repo/main/monspec.json; found ${JSON.stringify(text.slice(0, 200))}`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new MonspecFetchError(
      'refused',
      `monspecUrl must use https; found ${url.protocol.replace(/:$/, '')} in ${displayUrl(url)}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new MonspecFetchError(
      'refused',
      `monspecUrl ${displayUrl(url)} must not contain credentials; configure MONSPEC_BEARER_TOKEN instead`,
    );
  }
  if (fetcher.allowedHosts.length === 0) {
    throw new MonspecFetchError(
      'refused',
      'monspecUrl is disabled because MONSPEC_ALLOWED_HOSTS is empty; list the hosts that serve monspec files there, or send the monspec inline',
    );
  }
  if (!isAllowedHost(url.hostname, fetcher.allowedHosts)) {
    throw new MonspecFetchError(
      'refused',
      `monspecUrl host "${url.hostname}" is not in MONSPEC_ALLOWED_HOSTS (${formatAllowedHosts(fetcher.allowedHosts)})`,
    );
  }
  const literal = unbracket(url.hostname);
  if (isIP(literal) !== 0 && !fetcher.isAddressAllowed(literal)) {
    throw refusedAddress(url, literal);
  }
  return url;
}

function checkRedirect(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new MonspecFetchError(
      'refused',
      `monspecUrl ${displayUrl(from)} redirected to an invalid location ${JSON.stringify(location.slice(0, 200))}`,
    );
  }
  if (next.protocol !== 'https:' || next.host !== from.host) {
    throw new MonspecFetchError(
      'refused',
      `monspecUrl ${displayUrl(from)} redirected to ${displayUrl(next)}; redirects are followed only to the same host over https, so use the final URL (and list its host in MONSPEC_ALLOWED_HOSTS)`,
    );
  }
  return next;
}

function fetchOnce(
  url: URL,
  fetcher: Fetcher,
  signal: AbortSignal,
  abortError: () => MonspecFetchError,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    // Set when the host resolves to an address that must not be contacted; the request then fails with
    // a connection error that this explains.
    let refusal: MonspecFetchError | undefined;
    const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
      fetcher
        .resolve(hostname)
        .then((addresses) => {
          const refused = addresses.find((candidate) => !fetcher.isAddressAllowed(candidate.address));
          if (refused !== undefined) {
            refusal = refusedAddress(url, refused.address);
            throw refusal;
          }
          const usable = addresses.filter((candidate) =>
            lookupOptions.family !== 4 && lookupOptions.family !== 6
              ? true
              : candidate.family === lookupOptions.family,
          );
          const [first] = usable;
          if (first === undefined) {
            throw Object.assign(new Error(`${hostname} has no usable address`), { code: 'ENOTFOUND' });
          }
          if (lookupOptions.all === true) {
            callback(
              null,
              usable.map((candidate) => ({ address: candidate.address, family: candidate.family })),
            );
          } else {
            callback(null, first.address, first.family);
          }
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)), '', 0);
        });
    };
    const hostname = unbracket(url.hostname);
    const request = httpsRequest({
      host: hostname,
      port: url.port === '' ? 443 : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: {
        Accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
        'User-Agent': 'unbreakable-pipeline-gate',
        ...(fetcher.bearerToken === undefined ? {} : { Authorization: `Bearer ${fetcher.bearerToken}` }),
      },
      lookup,
      // A fresh connection for every fetch: a pooled one might have been made to an address checked earlier.
      agent: false,
      signal,
      ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
      ...(fetcher.ca === undefined ? {} : { ca: fetcher.ca }),
    });
    request.on('response', (response) => {
      readResponse(response, url, fetcher.maxBytes).then(resolve, reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (refusal !== undefined) reject(refusal);
      else if (signal.aborted) reject(abortError());
      else reject(unreachable(url, error));
    });
    request.end();
  });
}

function readResponse(response: IncomingMessage, url: URL, maxBytes: number): Promise<Outcome> {
  const status = response.statusCode ?? 0;
  if ([301, 302, 303, 307, 308].includes(status)) {
    response.resume();
    const location = response.headers.location;
    if (location === undefined || location === '') {
      return Promise.reject(
        new MonspecFetchError(
          'answered',
          `monspecUrl ${displayUrl(url)} answered ${status} without a Location`,
          {
            status,
          },
        ),
      );
    }
    return Promise.resolve({ kind: 'redirect', location });
  }
  if (status !== 200) {
    response.resume();
    return Promise.reject(
      new MonspecFetchError(
        'answered',
        `monspecUrl ${displayUrl(url)} answered ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(),
        { status },
      ),
    );
  }
  const tooLarge = (): MonspecFetchError =>
    new MonspecFetchError(
      'too-large',
      `monspecUrl ${displayUrl(url)} is larger than ${maxBytes / 1024} KB, the most a monspec may have`,
    );
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise<Outcome>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      // TextDecoder drops a byte-order mark, which editors on Windows like to write.
      resolve({ kind: 'document', text: new TextDecoder('utf-8').decode(Buffer.concat(chunks)) });
    });
    response.on('error', (error: NodeJS.ErrnoException) => reject(unreachable(url, error)));
  });
}

function refusedAddress(url: URL, address: string): MonspecFetchError {
  return new MonspecFetchError(
    'refused',
    `monspecUrl host "${url.hostname}" resolves to ${address}, which is not a public address; the gate never fetches from loopback, private, link-local or unique-local addresses`,
  );
}

function unreachable(url: URL, error: NodeJS.ErrnoException): MonspecFetchError {
  const code = error.code ?? '';
  const reason = code === '' ? error.message : describeNetworkError(code);
  return new MonspecFetchError(
    'unreachable',
    `monspecUrl ${displayUrl(url)} could not be fetched: ${reason}`,
    {
      cause: error,
    },
  );
}

async function resolveWithSystem(hostname: string): Promise<readonly ResolvedAddress[]> {
  const addresses = await systemLookup(hostname, { all: true, verbatim: true });
  return addresses.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
}

function unbracket(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1');
}
