import { createServer, type Server } from 'node:http';
import { type Socket } from 'node:net';

/** An HTTP server that gives every request the same answer. */
export interface FixedAnswerServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** Every request received, as `METHOD /path?query`. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** The answer of a {@link FixedAnswerServer}. */
export interface FixedAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * Starts a server on an ephemeral loopback port that answers every request with `answer`: a service that
 * is up but broken (always 503, or an HTML page where JSON belongs).
 */
export async function startFixedAnswerServer(answer: FixedAnswer): Promise<FixedAnswerServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
    request.resume();
    request.on('end', () => {
      response.writeHead(answer.status, { 'Content-Type': answer.contentType });
      response.end(answer.body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
