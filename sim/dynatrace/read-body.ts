import { type IncomingMessage } from 'node:http';

/** A request body as read from the wire. */
export type RequestBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tooLarge'; readonly bytes: number };

/**
 * Reads the whole body, keeping at most `limitBytes`. An oversized body is still drained so the client
 * receives the 413 answer instead of a broken pipe.
 */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    bytes += buffer.length;
    if (bytes <= limitBytes) chunks.push(buffer);
  }
  if (bytes > limitBytes) return { kind: 'tooLarge', bytes };
  if (bytes === 0) return { kind: 'empty' };
  return { kind: 'text', text: Buffer.concat(chunks).toString('utf8') };
}
