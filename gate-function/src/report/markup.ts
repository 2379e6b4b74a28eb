/**
 * HTML built from trusted markup and escaped data. Every value interpolated into a {@link markup} template is
 * escaped unless it is itself a {@link Markup} fragment, so user-controlled text (service and comparison
 * names, Azure DevOps context values, metric labels, summaries) can only ever become text, in element
 * content and in quoted attribute values alike.
 *
 * (The tag is not called `html` on purpose: formatters rewrite `html` templates as whole documents, which
 * these fragments are not.)
 */
export class Markup {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template accepts: fragments, text and numbers (escaped), nothing (skipped) and lists of these. */
export type MarkupValue = Markup | string | number | false | null | undefined | readonly MarkupValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A template literal tag: the literal parts are trusted markup, every value is escaped (see {@link MarkupValue}). */
export function markup(strings: TemplateStringsArray, ...values: readonly MarkupValue[]): Markup {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Markup(text);
}

function render(value: MarkupValue): string {
  if (value instanceof Markup) return value.text;
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  return value.map(render).join('');
}
