import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The names the generated certificate is valid for; tests map them to 127.0.0.1 with an injected resolver. */
export const TEST_HOSTS = ['monspec.test', 'other.test'] as const;

/** A request the server received. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** An https server on 127.0.0.1 with a self-signed certificate made for this test run. */
export interface HttpsTestServer {
  readonly port: number;
  /** PEM of the self-signed certificate, to pass as the fetcher's `ca`. */
  readonly ca: string;
  readonly requests: readonly ReceivedRequest[];
  /** Answers requests for `path` (without query) with `handler`; unrouted paths answer 404. */
  route(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void): void;
  /** `https://<host>:<port><path>`. */
  url(path: string, host?: string): string;
  close(): Promise<void>;
}

let certificate: { readonly key: string; readonly cert: string } | undefined;

/** Generates (once per test process) a key and a self-signed certificate for {@link TEST_HOSTS} with openssl. */
function testCertificate(): { readonly key: string; readonly cert: string } {
  if (certificate !== undefined) return certificate;
  const directory = mkdtempSync(path.join(tmpdir(), 'gate-tls-'));
  try {
    const keyFile = path.join(directory, 'key.pem');
    const certFile = path.join(directory, 'cert.pem');
    execFileSync(
      '/usr/bin/openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        `/CN=${TEST_HOSTS[0]}`,
        '-addext',
        `subjectAltName=${TEST_HOSTS.map((host) => `DNS:${host}`).join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    certificate = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
    return certificate;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function startHttpsTestServer(): Promise<HttpsTestServer> {
  const { key, cert } = testCertificate();
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key, cert }, (request, response) => {
    const requestPath = new URL(request.url ?? '/', 'https://test.invalid').pathname;
    requests.push({ path: requestPath, headers: request.headers });
    const handler = routes.get(requestPath);
    if (handler === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    handler(request, response);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    ca: cert,
    requests,
    route: (routePath, handler) => {
      routes.set(routePath, handler);
    },
    url: (urlPath, host = TEST_HOSTS[0]) => `https://${host}:${port}${urlPath}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** A resolver that maps the test hosts to 127.0.0.1 and knows nothing else. */
export function resolveTestHosts(hostname: string): Promise<{ address: string; family: 4 }[]> {
  if ((TEST_HOSTS as readonly string[]).includes(hostname)) {
    return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
  }
  return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
}
