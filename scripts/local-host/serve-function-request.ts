import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { format } from 'node:util';

import type * as AzureFunctions from '@azure/functions';

import { hasFunctionKey } from './check-function-key';
import { type HttpFunction } from './load-function-apps';

/** What the request listener needs. */
export interface FunctionServer {
  readonly functions: readonly HttpFunction[];
  readonly library: typeof AzureFunctions;
  /** When set, functions with authLevel `function` or `admin` require it. */
  readonly key: string | undefined;
  readonly log: (line: string) => void;
}

/** Larger request bodies are refused with 413, as Azure does above its own limit. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

/**
 * Serves one request the way the Functions host would: finds the function by route and method (404
 * otherwise), checks the function key (401), builds the `HttpRequest` and `InvocationContext` the handler
 * expects, calls it unchanged and writes its `HttpResponse`. A handler that throws gets a bare 500, as in
 * Azure; the error goes to the log.
 */
export async function serveFunctionRequest(
  server: FunctionServer,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const startedAt = Date.now();
  const method = (incoming.method ?? 'GET').toUpperCase();
  const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host ?? '127.0.0.1'}`);
  // The query string may hold a function key (?code=); only the path is logged.
  const label = `${method} ${url.pathname}`;
  const finish = (status: number, body?: Buffer, headers: Record<string, string> = {}): void => {
    outgoing.writeHead(status, { ...headers, 'Content-Length': String(body?.length ?? 0) }).end(body);
    server.log(`${label} → ${status} (${Date.now() - startedAt} ms)`);
  };

  const found = findFunction(server.functions, method, url.pathname);
  if (found === undefined) {
    finish(404);
    return;
  }
  const { fn, params } = found;
  if (
    fn.authLevel !== 'anonymous' &&
    server.key !== undefined &&
    !hasFunctionKey(incoming.headers, url, server.key)
  ) {
    finish(401);
    return;
  }
  const body = await readBody(incoming);
  if (body === undefined) {
    finish(413);
    return;
  }
  const request = new server.library.HttpRequest({
    method,
    url: url.toString(),
    headers: flattenHeaders(incoming),
    params,
    ...(body.length === 0 ? {} : { body: { bytes: body } }),
  });
  const context = new server.library.InvocationContext({
    invocationId: randomUUID(),
    functionName: fn.name,
    logHandler: (level, ...args) => server.log(`  [${fn.name}] ${level}: ${format(...args)}`),
  });
  let result: unknown;
  try {
    result = await fn.handler(request, context);
  } catch (error) {
    server.log(
      `  [${fn.name}] the handler threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    finish(500);
    return;
  }
  const response = isHttpResponse(result) ? result : new server.library.HttpResponse(result ?? {});
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  finish(response.status, Buffer.from(await response.arrayBuffer()), headers);
}

function findFunction(
  functions: readonly HttpFunction[],
  method: string,
  pathname: string,
): { readonly fn: HttpFunction; readonly params: Record<string, string> } | undefined {
  for (const fn of functions) {
    if (!fn.methods.includes(method)) continue;
    const params = fn.match(pathname);
    if (params !== undefined) return { fn, params };
  }
  return undefined;
}

async function readBody(incoming: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function flattenHeaders(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** An `HttpResponse` of any instance of the library (handlers may build their own). */
function isHttpResponse(value: unknown): value is AzureFunctions.HttpResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { arrayBuffer?: unknown }).arrayBuffer === 'function' &&
    typeof (value as { status?: unknown }).status === 'number'
  );
}
