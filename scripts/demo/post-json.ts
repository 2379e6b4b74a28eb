import { request } from 'node:http';

/** An HTTP answer: the status, the raw text and the body parsed as JSON (`undefined` when it is not JSON). */
export interface JsonAnswer {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
}

/** The default time limit of a request the driver sends to the local functions host. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

/**
 * POSTs JSON over plain HTTP (the local functions host listens on loopback) on a fresh connection, so no
 * pooled socket outlives the demo.
 *
 * @throws Error naming the method and URL (without its query string) on a network error or timeout.
 */
export function postJson(
  url: string,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
  timeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
): Promise<JsonAnswer> {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const where = `POST ${url.split('?')[0] ?? url}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          ...headers,
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(payload.length),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', (error) =>
          reject(new Error(`${where} failed: ${error.message}`, { cause: error })),
        );
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            json = undefined;
          }
          resolve({ status: incoming.statusCode ?? 0, text, json });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    outgoing.on('error', (error) => reject(new Error(`${where} failed: ${error.message}`, { cause: error })));
    outgoing.end(payload);
  });
}
