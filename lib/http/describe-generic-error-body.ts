const ERROR_TEXT_MAX_CHARS = 300;

/**
 * Reads the common error-body conventions when the service client has no specific reading:
 * `{ "message": … }`, `{ "error": { "message": … } }` or `{ "error": "…" }`, or a short text body.
 * HTML (an error page of a proxy) says nothing useful and is left out.
 */
export function describeGenericErrorBody(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.replace(/\s+/g, ' ').trim();
    return text === '' || text.startsWith('<') ? undefined : truncate(text);
  }
  if (body === null || typeof body !== 'object') {
    return undefined;
  }
  const fields = new Map<string, unknown>(Object.entries(body));
  const message = fields.get('message');
  if (typeof message === 'string') {
    return truncate(message);
  }
  const nested = fields.get('error');
  if (typeof nested === 'string') {
    return truncate(nested);
  }
  return nested === undefined ? undefined : describeGenericErrorBody(nested);
}

function truncate(text: string): string {
  return text.length > ERROR_TEXT_MAX_CHARS ? `${text.slice(0, ERROR_TEXT_MAX_CHARS)}…` : text;
}
