/** What a placeholder of a custom-integration payload expands to. */
export type PlaceholderValue =
  /** Text, meant to sit inside quotes in a JSON template; JSON-escaped when the payload is JSON. */
  | { readonly kind: 'text'; readonly text: string }
  /** A JSON document inserted as it is (`{ImpactedEntities}`, `{ProblemDetailsJSON}`, `{ProblemDetailsJSONv2}`). */
  | { readonly kind: 'json'; readonly json: string };

/** The values of one notification: placeholder name (without braces) → value, plus the entities' tags. */
export interface NotificationValues {
  readonly placeholders: Readonly<Record<string, PlaceholderValue>>;
  /** For `{Tags[key]}`: the impacted entities' tags, first value per key (`""` for a key-only tag). */
  readonly tagValues: ReadonlyMap<string, string>;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?:\[([^\]{}]*)\])?\}/g;

/**
 * Fills a custom-integration payload template the way Dynatrace does (api-facts §A.8): placeholders are
 * replaced textually, so `"{ProblemTitle}"` needs its quotes in the template while `{ImpactedEntities}`
 * and the `{ProblemDetailsJSON…}` objects are inserted raw. When the payload is JSON (no other
 * `Content-Type` is configured), text values are JSON-escaped — a title with a quote or a line break still
 * gives valid JSON. `{Tags[key]}` is the value of that tag, `""` for a key-only tag; it stays unreplaced when
 * no impacted entity has the key, as do placeholders Dynatrace does not know.
 */
export function renderNotificationPayload(
  template: string,
  values: NotificationValues,
  options: { readonly json: boolean },
): string {
  return template.replace(PLACEHOLDER, (whole, name: string, key: string | undefined) => {
    if (key !== undefined) {
      if (name !== 'Tags') return whole;
      const value = values.tagValues.get(key);
      return value === undefined ? whole : text(value, options.json);
    }
    const value = values.placeholders[name];
    if (value === undefined) return whole;
    return value.kind === 'json' ? value.json : text(value.text, options.json);
  });
}

/** Whether a `Content-Type` header value means JSON (the default when none is configured). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function text(value: string, json: boolean): string {
  // JSON.stringify escapes exactly what a JSON string needs; the template supplies the quotes.
  return json ? JSON.stringify(value).slice(1, -1) : value;
}
