import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

/**
 * A scripted HTTP server for client tests: it answers requests from a queue of replies, in order,
 * and records every request it received. It listens on 127.0.0.1 on an ephemeral port and `close()`
 * ends every connection, including requests left hanging, so no test leaves a handle open.
 *
 * ```ts
 * const stub = await startStubServer();
 * after(() => stub.close());
 * stub.reply(jsonReply(503, { error: 'busy' }), jsonReply(200, { ok: true }));
 * ```
 */
export interface StubServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** Every request received so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Appends replies to the queue; each request takes the next one. */
  reply(...replies: readonly StubReply[]): void;
  /** Empties the queue and the request log (between tests sharing one server). */
  reset(): void;
  /** Replies still queued. */
  readonly pending: number;
  close(): Promise<void>;
}

/** A request as the stub received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/api/v2/metrics/query`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Path and query exactly as sent. */
  readonly rawUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An answer with a status. */
export interface StubAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as is; use {@link jsonReply} for JSON. */
  readonly body?: string | Buffer;
}

/** A scripted answer. */
export type StubReply =
  | StubAnswer
  /** Never answers; the request stays open until the client gives up or the stub closes. */
  | { readonly hang: true }
  /** Destroys the connection without answering (the client sees ECONNRESET). */
  | { readonly reset: true }
  /** Decides the answer from the request. */
  | ((request: RecordedRequest) => StubReply);

type FixedReply = Exclude<StubReply, (request: RecordedRequest) => StubReply>;

/** A JSON answer with `Content-Type: application/json`. */
export function jsonReply(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): StubAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A text answer, `text/plain` unless `headers` says otherwise. */
export function textReply(
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): StubAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

export const hangReply: StubReply = { hang: true };
export const resetReply: StubReply = { reset: true };

/**
 * Starts a stub server. When the queue is empty it answers 599 with a message naming the request,
 * so a test that sends more requests than it scripted fails loudly instead of hanging.
 */
export async function startStubServer(): Promise<StubServer> {
  const queue: StubReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void receive(req).then((recorded) => {
      requests.push(recorded);
      answer(resolveReply(queue.shift(), recorded), req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get pending() {
      return queue.length;
    },
    reply: (...replies) => {
      queue.push(...replies);
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) {
          socket.destroy();
        }
      }),
  };
}

function resolveReply(reply: StubReply | undefined, request: RecordedRequest): FixedReply {
  if (reply === undefined) {
    return textReply(599, `stub server: no scripted reply left for ${request.method} ${request.rawUrl}`);
  }
  return typeof reply === 'function' ? resolveReply(reply(request), request) : reply;
}

function answer(reply: FixedReply, req: IncomingMessage, res: ServerResponse): void {
  if ('hang' in reply) {
    return;
  }
  if ('reset' in reply) {
    req.socket.destroy();
    return;
  }
  res.writeHead(reply.status, { ...reply.headers });
  res.end(reply.body);
}

async function receive(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://stub.invalid');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    rawUrl,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}
