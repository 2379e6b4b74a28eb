import { type MonspecTag } from '../../../lib/monspec';
import { InputError } from './input-error';

const CONTEXT = /^\[([A-Za-z][A-Za-z0-9_]*)\]/;

/**
 * Parses a multi-line input of Dynatrace tags, one `[Context]key:value` per line (`[Context]` left out for
 * CONTEXTLESS tags, `:value` for key-only tags, `\:` for a colon inside the key), into the same tag model
 * a monspec environment uses, so both targeting modes build their entity selector the same way. Blank
 * lines and lines starting with `#` are skipped.
 *
 * @throws InputError naming the input and the line.
 */
export function parseTagLines(text: string, input: string): MonspecTag[] {
  const tags: MonspecTag[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    tags.push(parseTag(line, (detail) => new InputError(input, `line ${index + 1} "${line}": ${detail}`)));
  });
  if (tags.length === 0) {
    throw new InputError(
      input,
      'no tag given; expected one tag per line such as [Environment]DEPLOYMENT_GROUP_NAME:Production',
    );
  }
  return tags;
}

function parseTag(line: string, fail: (detail: string) => InputError): MonspecTag {
  let rest = line;
  let context = 'CONTEXTLESS';
  if (rest.startsWith('[')) {
    const match = CONTEXT.exec(rest);
    if (match?.[1] === undefined) {
      throw fail('expected a context such as [Environment] (letters, digits and _) before the key');
    }
    context = match[1];
    rest = rest.slice(match[0].length);
  }
  let key = '';
  let value: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const char = rest.charAt(index);
    const next = rest.charAt(index + 1);
    if (value === undefined && char === '\\' && (next === ':' || next === '\\')) {
      key += next;
      index += 1;
    } else if (value === undefined && char === ':') {
      value = rest.slice(index + 1);
      break;
    } else {
      key += char;
    }
  }
  key = key.trim();
  if (key === '') throw fail('expected a tag key, found none');
  if (value === undefined) return { context, key };
  value = value.trim();
  if (value === '') throw fail('expected a value after ":" (leave out ":" for a key-only tag)');
  return { context, key, value };
}
