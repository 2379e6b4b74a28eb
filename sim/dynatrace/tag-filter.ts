import { type EntityTag } from './scenario';

/** A tag condition as written in selectors and v1 `tag=` parameters: `[Context]key:value`, `key:value` or `key`. */
export interface TagFilter {
  /** `undefined` when no `[Context]` prefix was written, which means `CONTEXTLESS`. */
  readonly context?: string;
  readonly key: string;
  readonly value?: string;
}

/**
 * Parses `[Context]key:value`. The first unescaped `:` separates key and value; `\:` is a literal colon
 * (so a key-only tag may contain colons) and `\\` a literal backslash.
 */
export function parseTagFilter(text: string): TagFilter {
  let rest = text;
  let context: string | undefined;
  const contextMatch = /^\[([^\]]*)\]/.exec(rest);
  if (contextMatch) {
    context = contextMatch[1] ?? '';
    rest = rest.slice(contextMatch[0].length);
  }
  let key = '';
  let value: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const char = rest[index] ?? '';
    const next = rest[index + 1];
    if (char === '\\' && (next === ':' || next === '\\')) {
      if (value === undefined) key += next;
      else value += next;
      index += 1;
    } else if (char === ':' && value === undefined) {
      value = '';
    } else if (value === undefined) {
      key += char;
    } else {
      value += char;
    }
  }
  if (key === '')
    throw new RangeError(
      `a tag needs a key: expected [Context]key:value, key:value or key, found ${JSON.stringify(text)}`,
    );
  return { ...(context === undefined ? {} : { context }), key, ...(value === undefined ? {} : { value }) };
}

/**
 * Whether `tag` satisfies `filter`: contexts compare case-insensitively (no context means CONTEXTLESS),
 * keys and values case-sensitively; a filter without a value matches the key with any value.
 */
export function matchesTag(filter: TagFilter, tag: EntityTag): boolean {
  const context = (filter.context ?? 'CONTEXTLESS').toUpperCase();
  if (context !== tag.context.toUpperCase() || filter.key !== tag.key) return false;
  return filter.value === undefined || filter.value === tag.value;
}

/** Dynatrace's `stringRepresentation`: `[CONTEXT]key:value`, with the context left out for CONTEXTLESS. */
export function formatTag(tag: EntityTag): string {
  const escape = (part: string): string => part.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  const prefix = tag.context.toUpperCase() === 'CONTEXTLESS' ? '' : `[${tag.context}]`;
  return `${prefix}${escape(tag.key)}${tag.value === undefined ? '' : `:${tag.value}`}`;
}
