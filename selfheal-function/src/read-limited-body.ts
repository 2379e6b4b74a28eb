import { type HttpRequest } from '@azure/functions';

/** Dynatrace's own API limit; a problem notification is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, or `too-large` as soon as it exceeds the limit (the rest is not read). */
export type LimitedBody = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'too-large' };

/**
 * Reads a request body without holding more than `limit` bytes: a `Content-Length` above the limit is
 * refused before reading, and a body streamed without one is cut off once it passes the limit.
 */
export async function readLimitedBody(request: HttpRequest, limit = MAX_BODY_BYTES): Promise<LimitedBody> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return { kind: 'too-large' };
  if (request.body === null) return { kind: 'text', text: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return { kind: 'too-large' };
    chunks.push(chunk);
  }
  return { kind: 'text', text: Buffer.concat(chunks).toString('utf8') };
}
