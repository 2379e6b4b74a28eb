import { MultipartFormError } from './multipart-form-error';

/** One field of a `multipart/form-data` body. */
export interface FormField {
  readonly name: string;
  readonly value: string;
  /** Set for file parts, e.g. from `curl -F monspec=@monspec.json`. */
  readonly filename?: string;
}

/**
 * Reads the boundary from a `multipart/form-data` Content-Type (quoted or not).
 *
 * @throws MultipartFormError when there is none or it is not a valid RFC 2046 boundary.
 */
export function readMultipartBoundary(contentType: string): string {
  const match = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2] ?? '';
  if (boundary === '' || boundary.length > 70 || /[^0-9A-Za-z'()+_,\-./:=? ]|\s$/.test(boundary)) {
    throw new MultipartFormError(
      `the multipart/form-data Content-Type needs a boundary of 1 to 70 letters, digits and '()+_,-./:=?, found ${JSON.stringify(boundary)}`,
    );
  }
  return boundary;
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) into its fields, in order, duplicates included.
 *
 * Written here rather than taken from `Request.formData()` because the gate's callers assemble this body
 * from a text template: the parser accepts LF as well as CRLF line breaks and a preamble, which
 * undici's parser rejects, and its errors say which part is broken instead of "Failed to parse body as
 * FormData". A field value can hold anything, quotes, backslashes and line breaks included, except a
 * line that starts with `--<boundary>`.
 *
 * @throws MultipartFormError naming the part that could not be read.
 */
export function parseMultipartForm(body: string, boundary: string): FormField[] {
  const delimiter = `--${boundary}`;
  let position = body.startsWith(delimiter) ? 0 : lineStartOf(body, delimiter, 0);
  if (position === -1) {
    throw new MultipartFormError(
      `the body contains no boundary line "${delimiter}"; the boundary of the Content-Type does not match the body`,
    );
  }
  const fields: FormField[] = [];
  for (let partNumber = 1; ; partNumber += 1) {
    position += delimiter.length;
    if (body.startsWith('--', position)) return fields;
    position = skipLineBreakAfterDelimiter(body, position, partNumber, delimiter);
    const headers = readPartHeaders(body, position, partNumber);
    const disposition = readContentDisposition(headers.values, partNumber);
    const next = lineStartOf(body, delimiter, headers.end);
    if (next === -1) {
      throw new MultipartFormError(
        `part ${partNumber} (field "${disposition.name}") is not followed by a boundary line "${delimiter}"; ` +
          `the body ends inside it (a closing "${delimiter}--" line is required)`,
      );
    }
    fields.push({
      name: disposition.name,
      value: withoutTrailingLineBreak(body.slice(headers.end, next)),
      ...(disposition.filename === undefined ? {} : { filename: disposition.filename }),
    });
    position = next;
  }
}

/** Index of the first `delimiter` at the start of a line, at or after `from`'s line break, or -1. */
function lineStartOf(body: string, delimiter: string, from: number): number {
  const index = body.indexOf(`\n${delimiter}`, Math.max(0, from - 1));
  return index === -1 ? -1 : index + 1;
}

function skipLineBreakAfterDelimiter(
  body: string,
  from: number,
  partNumber: number,
  delimiter: string,
): number {
  let position = from;
  // RFC 2046 allows "transport padding" (spaces and tabs) after a boundary.
  while (body[position] === ' ' || body[position] === '\t') position += 1;
  if (body.startsWith('\r\n', position)) return position + 2;
  if (body[position] === '\n') return position + 1;
  const found = body.slice(from, from + 20);
  throw new MultipartFormError(
    `part ${partNumber}: the boundary line "${delimiter}" must end its line, found ${JSON.stringify(`${delimiter}${found}`)}` +
      (found === '' ? ' at the end of the body' : '') +
      '; a field value cannot contain a line starting with the boundary',
  );
}

function readPartHeaders(
  body: string,
  from: number,
  partNumber: number,
): { readonly values: ReadonlyMap<string, string>; readonly end: number } {
  const values = new Map<string, string>();
  let position = from;
  for (;;) {
    const lineEnd = body.indexOf('\n', position);
    if (lineEnd === -1) {
      throw new MultipartFormError(`part ${partNumber}: the body ends inside the part's headers`);
    }
    const line = body.slice(position, lineEnd).replace(/\r$/, '');
    position = lineEnd + 1;
    if (line === '') return { values, end: position };
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new MultipartFormError(
        `part ${partNumber}: expected a header line such as 'Content-Disposition: form-data; name="service"', ` +
          `found ${JSON.stringify(line.slice(0, 80))}; a field value cannot contain a line starting with the boundary`,
      );
    }
    values.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
}

function readContentDisposition(
  headers: ReadonlyMap<string, string>,
  partNumber: number,
): { readonly name: string; readonly filename?: string } {
  const value = headers.get('content-disposition');
  if (value === undefined || !/^form-data\s*(;|$)/i.test(value)) {
    throw new MultipartFormError(
      `part ${partNumber}: expected 'Content-Disposition: form-data; name="…"', found ${
        value === undefined ? 'no Content-Disposition header' : JSON.stringify(value)
      }`,
    );
  }
  const parameters = new Map<string, string>();
  for (const match of value.matchAll(/;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const [, key = '', raw = ''] = match;
    parameters.set(
      key.toLowerCase(),
      raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.trim(),
    );
  }
  const name = parameters.get('name');
  if (name === undefined || name === '') {
    throw new MultipartFormError(
      `part ${partNumber}: the Content-Disposition ${JSON.stringify(value)} names no field`,
    );
  }
  const filename = parameters.get('filename');
  return filename === undefined ? { name } : { name, filename };
}

function withoutTrailingLineBreak(content: string): string {
  // The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1), not to the value.
  if (content.endsWith('\r\n')) return content.slice(0, -2);
  if (content.endsWith('\n')) return content.slice(0, -1);
  return content;
}
