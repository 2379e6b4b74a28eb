/** What a response body turned out to be. */
export type ResponseBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'json'; readonly value: unknown }
  /** JSON was announced (or nothing was announced) but the text does not parse. */
  | { readonly kind: 'malformed-json'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string; readonly mediaType: string | undefined };

/**
 * Decodes a body as UTF-8 and parses it as JSON when the `Content-Type` says JSON (`application/json`,
 * `…+json`) or says nothing. Any other media type stays text, which is how an HTML sign-in page
 * answered in place of JSON is recognised.
 */
export function readResponseBody(bytes: Buffer, contentType: string | undefined): ResponseBody {
  const text = bytes.toString('utf8');
  if (text.trim() === '') {
    return { kind: 'empty' };
  }
  const mediaType = parseMediaType(contentType);
  if (mediaType !== undefined && !isJsonMediaType(mediaType)) {
    return { kind: 'text', text, mediaType };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return mediaType === undefined ? { kind: 'text', text, mediaType } : { kind: 'malformed-json', text };
  }
}

/** The media type of a `Content-Type` value, lower case and without parameters. */
export function parseMediaType(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === undefined || mediaType === '' ? undefined : mediaType;
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType === 'text/json' || mediaType.endsWith('+json');
}
