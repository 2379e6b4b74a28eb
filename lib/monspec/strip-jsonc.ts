import { JsonSyntaxError } from '../json/json-syntax-error';

type State = 'code' | 'string' | 'line-comment' | 'block-comment';

/**
 * Turns JSONC (JSON with `//` and `/* *\/` comments and trailing commas) into plain JSON of exactly the
 * same length: comments, trailing commas and a leading byte-order mark become spaces, line breaks stay.
 * Because every character keeps its offset, a position reported for the result is a position in the
 * original text.
 *
 * @throws JsonSyntaxError for a block comment that never ends.
 */
export function stripJsonc(text: string): string {
  const chars = text.split('');
  let state: State = 'code';
  let commentStart = 0;
  let pendingComma = -1;
  let previous = '';
  const blank = (index: number): void => {
    const char = chars[index];
    if (char !== '\n' && char !== '\r') chars[index] = ' ';
  };
  if (chars[0] === '\uFEFF') chars[0] = ' ';
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index];
    switch (state) {
      case 'string':
        if (char === '\\') index += 1;
        // A raw line break cannot be inside a JSON string: end it here so an unclosed quote does not hide
        // the rest of the file; JSON.parse then reports the string.
        else if (char === '"' || char === '\n' || char === '\r') state = 'code';
        break;
      case 'line-comment':
        if (char === '\n' || char === '\r') state = 'code';
        else blank(index);
        break;
      case 'block-comment':
        if (char === '*' && chars[index + 1] === '/') {
          blank(index);
          blank(index + 1);
          index += 1;
          state = 'code';
        } else blank(index);
        break;
      case 'code':
        if (char === '/' && (chars[index + 1] === '/' || chars[index + 1] === '*')) {
          state = chars[index + 1] === '/' ? 'line-comment' : 'block-comment';
          commentStart = index;
          blank(index);
          blank(index + 1);
          index += 1;
        } else if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
          // Whitespace keeps a pending trailing comma pending.
        } else {
          if ((char === '}' || char === ']') && pendingComma >= 0) chars[pendingComma] = ' ';
          // Only a comma after a value can be trailing; `[,]` stays an error.
          pendingComma = char === ',' && previous !== '' && !'[{,:'.includes(previous) ? index : -1;
          if (char === '"') state = 'string';
          previous = char ?? '';
        }
        break;
    }
  }
  if (state === 'block-comment') throw new JsonSyntaxError(text, commentStart, 'unterminated /* comment');
  return chars.join('');
}
