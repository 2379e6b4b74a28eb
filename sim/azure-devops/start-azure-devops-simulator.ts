import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { AdoServiceError, invalidArgument, routeNotFound } from './ado-service-error';
import { readApiVersion } from './api-version';
import { isAuthenticated, signInPage, suppressesSignInRedirect } from './authenticate';
import { type AzureDevOpsScenario, type IdentitySeed } from './azure-devops-scenario';
import { AzureDevOpsState } from './azure-devops-state';
import { buildRoutes } from './build-routes';
import { environmentRoutes } from './environment-routes';
import { discoveryRoutes } from './discovery-routes';
import { createFaultRegistry, type FaultRegistry, type FaultRule } from './fault-registry';
import { pipelineRoutes } from './pipeline-routes';
import { QueryReader } from './query-reader';
import { releaseRoutes } from './release-routes';
import { locationsOfArea, resourceLocations, type ServiceHost } from './resource-locations';
import { matchRouteTemplate } from './match-route-template';
import { type LocationHandlers, type RouteHandler, type RouteResponse } from './route-handler';
import { sampleAzureDevOpsScenario } from './sample-azure-devops-scenario';
import { stableGuid } from './stable-guid';

/** Options of {@link startAzureDevOpsSimulator}. */
export interface AzureDevOpsSimulatorOptions {
  /** The organization name in both URLs; default `fabrikam`. */
  readonly organization?: string;
  /** Accepted PATs (also accepted as Bearer tokens); default one generated 52-character PAT. */
  readonly pats?: readonly string[];
  /** Seed data; default {@link sampleAzureDevOpsScenario}. */
  readonly scenario?: AzureDevOpsScenario;
  /** The clock for every timestamp the simulator writes; default `Date.now`. */
  readonly now?: () => number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
}

/** One request as the simulator received it. `status` is 0 while unanswered or when a fault dropped it. */
export interface RecordedRequest {
  readonly method: string;
  /** The decoded path, e.g. `/vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/4/environments/8`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, the raw text when it was not JSON, or undefined when empty. */
  readonly body: unknown;
  readonly status: number;
  readonly receivedAt: number;
}

/** A running simulator. */
export interface AzureDevOpsSimulator {
  /** `http://127.0.0.1:PORT/{org}/`, playing `https://dev.azure.com/{org}/`. */
  readonly collectionUrl: string;
  /** `http://127.0.0.1:PORT/vsrm/{org}/`, playing `https://vsrm.dev.azure.com/{org}/`. */
  readonly releaseUrl: string;
  /** The first accepted PAT. */
  readonly pat: string;
  readonly faults: FaultRegistry;
  readonly requests: readonly RecordedRequest[];
  readonly state: AzureDevOpsState;
  /** Stops listening and ends every open connection, including hanging requests. */
  close(): Promise<void>;
}

/** The identity API calls made with an accepted token are attributed to. */
export const simulatedTokenOwner: IdentitySeed = {
  id: stableGuid('identity', 'token-owner'),
  displayName: 'Unbreakable Automation',
  uniqueName: 'unbreakable-automation@fabrikam.example',
};

const maxBodyBytes = 1024 * 1024;

const allRoutes: LocationHandlers = {
  ...discoveryRoutes,
  ...releaseRoutes,
  ...buildRoutes,
  ...pipelineRoutes,
  ...environmentRoutes,
};

/**
 * Starts an HTTP simulator of the Azure DevOps APIs the product uses (api-facts §B): the Release API on
 * the vsrm base (404 for the same path on the collection base, as on the service), the Build, Pipelines
 * and environment-deployment APIs on the collection base, azure-devops-node-api's discovery calls,
 * PAT/Bearer authentication with the 401-or-203 behaviour, api-version checks, the ADO error envelope,
 * continuation tokens and fault injection. Answers are computed from {@link AzureDevOpsState}.
 */
export async function startAzureDevOpsSimulator(
  options: AzureDevOpsSimulatorOptions = {},
): Promise<AzureDevOpsSimulator> {
  const organization = options.organization ?? 'fabrikam';
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(organization) || organization.toLowerCase() === 'vsrm') {
    throw new Error(
      `organization must be a plain organization name such as "fabrikam", found "${organization}"`,
    );
  }
  const pats = options.pats ?? [generatePat()];
  const firstPat = pats[0];
  if (firstPat === undefined || pats.some((pat) => pat === ''))
    throw new Error('pats must list at least one non-empty token');
  const now = options.now ?? Date.now;
  const state = new AzureDevOpsState(now);
  state.load(options.scenario ?? sampleAzureDevOpsScenario({ now: now() }));
  const faults = createFaultRegistry();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let collectionUrl = '';
  let releaseUrl = '';

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      // Reaching here means the simulator itself is broken; answer like an unhandled server fault.
      if (!response.headersSent) {
        sendEnvelope(
          response,
          new AdoServiceError(500, 'VssServiceException', `Simulator fault: ${String(error)}`),
          undefined,
        );
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = now();
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const method = (request.method ?? 'GET').toUpperCase();
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const { text, tooLarge } = await readBody(request);
    const record = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(request.headers),
      body: parseRecordedBody(text),
      status: 0,
      receivedAt,
    };
    requests.push(record);
    response.on('finish', () => {
      record.status = response.statusCode;
    });

    const fault = faults.take(method, path);
    if (fault !== undefined) {
      const handled = await applyFault(fault, request, response);
      if (handled) return;
    }
    let apiVersion: string | undefined;
    try {
      if (tooLarge) {
        throw new AdoServiceError(
          413,
          'VssRequestContentLengthExceededException',
          `The request body exceeds the limit of ${maxBodyBytes} bytes.`,
        );
      }
      const hostAndSegments = splitHost(url.pathname);
      if (hostAndSegments === undefined) throw routeNotFound(path);
      if (!isAuthenticated(request.headers.authorization, pats)) {
        if (suppressesSignInRedirect(request.headers['x-tfs-fedauthredirect'])) {
          response.setHeader('WWW-Authenticate', [
            'Bearer authorization_uri=https://login.microsoftonline.com/common',
            'Basic realm="https://simulator.invalid/"',
          ]);
          throw new AdoServiceError(
            401,
            'UnauthorizedRequestException',
            'TF400813: Resource not available for anonymous access. Client authentication required.',
            'Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server',
          );
        }
        response.writeHead(203, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(signInPage);
        return;
      }
      const { host, segments } = hostAndSegments;
      const answer = route(host, segments, method, path, url.searchParams, request.headers.accept, text);
      apiVersion = answer.apiVersion;
      sendJson(response, answer.response, apiVersion);
    } catch (error) {
      if (error instanceof AdoServiceError) {
        sendEnvelope(response, error, apiVersion);
        return;
      }
      throw error;
    }
  }

  function route(
    host: ServiceHost,
    segments: readonly string[],
    method: string,
    path: string,
    query: URLSearchParams,
    accept: string | undefined,
    text: string,
  ): { response: RouteResponse; apiVersion: string | undefined } {
    if (method === 'OPTIONS') {
      if (segments.length === 2 && segments[0]?.toLowerCase() === '_apis') {
        const value = locationsOfArea(host, segments[1] ?? '');
        return { response: { status: 200, body: { count: value.length, value } }, apiVersion: undefined };
      }
      throw routeNotFound(path);
    }
    for (const location of resourceLocations) {
      if (location.host !== host) continue;
      const routeValues = matchRouteTemplate(
        location.routeTemplate,
        { area: location.area, resource: location.resourceName },
        segments,
      );
      if (routeValues === undefined) continue;
      const handlers: Partial<Record<string, RouteHandler>> = allRoutes[location.name] ?? {};
      const handler = handlers[method];
      if (handler === undefined) {
        throw new AdoServiceError(
          405,
          'HttpException',
          `The requested resource does not support http method '${method}'.`,
          'System.Web.HttpException, System.Web',
          0,
        );
      }
      const apiVersion = readApiVersion(method, query, accept);
      const response = handler({
        method,
        routeValues,
        query: new QueryReader(query),
        body: parseJsonBody(text),
        state,
        collectionUrl,
        releaseUrl,
        requester: simulatedTokenOwner,
      });
      return { response, apiVersion };
    }
    throw routeNotFound(path);
  }

  /** Splits `/{org}/…` and `/vsrm/{org}/…` into the host they play and the decoded segments after it. */
  function splitHost(rawPath: string): { host: ServiceHost; segments: string[] } | undefined {
    const segments = rawPath.split('/').filter((segment) => segment !== '');
    let host: ServiceHost;
    let rest: string[];
    if (segments[0]?.toLowerCase() === 'vsrm' && segments[1]?.toLowerCase() === organization.toLowerCase()) {
      host = 'release';
      rest = segments.slice(2);
    } else if (segments[0]?.toLowerCase() === organization.toLowerCase()) {
      host = 'collection';
      rest = segments.slice(1);
    } else {
      return undefined;
    }
    try {
      return { host, segments: rest.map((segment) => decodeURIComponent(segment)) };
    } catch {
      throw invalidArgument(`The request path ${rawPath} is not correctly percent-encoded.`);
    }
  }

  async function applyFault(
    fault: FaultRule,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<boolean> {
    switch (fault.kind) {
      case 'latency':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, fault.ms);
          timers.add(timer);
        });
        return response.destroyed;
      case 'status':
        sendEnvelope(
          response,
          new AdoServiceError(
            fault.status,
            'VssServiceException',
            fault.message ?? `The service answered ${fault.status} (injected fault).`,
          ),
          undefined,
        );
        return true;
      case 'rateLimit': {
        const resetAt = Math.ceil(now() / 1000) + fault.retryAfterSeconds;
        response.setHeader('Retry-After', String(fault.retryAfterSeconds));
        response.setHeader('X-RateLimit-Resource', 'ReleaseManagement/ThrottlingPolicy');
        response.setHeader('X-RateLimit-Delay', String(fault.retryAfterSeconds));
        response.setHeader('X-RateLimit-Limit', '200');
        response.setHeader('X-RateLimit-Remaining', '0');
        response.setHeader('X-RateLimit-Reset', String(resetAt));
        sendEnvelope(
          response,
          new AdoServiceError(
            429,
            'RequestBlockedException',
            "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ReleaseManagement' in namespace 'User'.",
          ),
          undefined,
        );
        return true;
      }
      case 'hang':
        // Never answer; close() ends the socket.
        return true;
      case 'reset':
        request.socket.destroy();
        return true;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostName = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  collectionUrl = `http://${hostName}:${address.port}/${organization}/`;
  releaseUrl = `http://${hostName}:${address.port}/vsrm/${organization}/`;

  return {
    collectionUrl,
    releaseUrl,
    pat: firstPat,
    faults,
    requests,
    state,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      );
    },
  };
}

function sendJson(response: ServerResponse, answer: RouteResponse, apiVersion: string | undefined): void {
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...serviceHeaders(apiVersion),
    ...(answer.body === undefined
      ? {}
      : {
          'Content-Type': `application/json; charset=utf-8${apiVersion === undefined ? '' : `; api-version=${apiVersion}`}`,
        }),
    'Content-Length': String(Buffer.byteLength(text)),
    ...answer.headers,
  });
  response.end(text);
}

function sendEnvelope(
  response: ServerResponse,
  error: AdoServiceError,
  apiVersion: string | undefined,
): void {
  sendJson(response, { status: error.status, body: error.toEnvelope() }, apiVersion);
}

function serviceHeaders(apiVersion: string | undefined): Record<string, string> {
  return {
    ActivityId: randomUUID(),
    'X-TFS-Session': randomUUID(),
    'X-VSS-E2EID': randomUUID(),
    'X-Content-Type-Options': 'nosniff',
    ...(apiVersion === undefined ? {} : { 'X-VSS-Api-Version': apiVersion }),
  };
}

async function readBody(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) tooLarge = true;
    else chunks.push(buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge };
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AdoServiceError(
      400,
      'VssRequestContentException',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function parseRecordedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
  );
}

/** A random token in the shape of a classic 52-character PAT (lowercase base32). */
function generatePat(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(52)].map((byte) => alphabet.charAt(byte % 32)).join('');
}
