import { type MonspecTag } from './monspec';

/**
 * Writes a tag as Dynatrace does: `[Context]key:value`, without `[Context]` for `CONTEXTLESS` and without
 * `:value` for key-only tags. Entity selectors need a `:` or `\` inside the key escaped with a backslash,
 * so Dynatrace does not read it as the key/value separator; the v1 `tag=` parameter takes the plain form.
 */
export function formatTag(tag: MonspecTag, options: { readonly escapeKey: boolean }): string {
  const context = tag.context.toUpperCase() === 'CONTEXTLESS' ? '' : `[${tag.context}]`;
  const key = options.escapeKey ? tag.key.replace(/[\\:]/g, (char) => `\\${char}`) : tag.key;
  return tag.value === undefined ? `${context}${key}` : `${context}${key}:${tag.value}`;
}
