/** Where plain JSON stops being valid, and what was expected there. */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly detail: string;
}

type Expectation =
  'value' | 'first-key' | 'key' | 'colon' | 'after-member' | 'first-value' | 'after-element' | 'end';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Finds the first syntax error in plain JSON and says what was expected, in the same words on every Node
 * version (V8's own messages change between releases and often omit the position). It keeps an explicit
 * stack instead of recursing, so deeply nested input cannot overflow the call stack.
 * Returns `undefined` for valid JSON.
 */
export function locateJsonSyntaxError(json: string): JsonSyntaxProblem | undefined {
  const containers: ('object' | 'array')[] = [];
  let expectation: Expectation = 'value';
  let index = 0;
  const afterValue = (): Expectation => {
    const container = containers.at(-1);
    if (container === undefined) return 'end';
    return container === 'object' ? 'after-member' : 'after-element';
  };
  for (;;) {
    while (index < json.length && WHITESPACE.has(json[index] ?? '')) index += 1;
    const char = json[index];
    if (char === undefined) {
      return expectation === 'end'
        ? undefined
        : { offset: index, detail: `unexpected end of input; ${expected(expectation, containers)}` };
    }
    const fail = (detail?: string): JsonSyntaxProblem => ({
      offset: index,
      detail: detail ?? `${expected(expectation, containers)}, found ${describeChar(char)}`,
    });
    switch (expectation) {
      case 'first-key':
      case 'key':
        if (char === '}' && expectation === 'first-key') {
          containers.pop();
          index += 1;
          expectation = afterValue();
        } else if (char === '"') {
          const end = scanString(json, index);
          if (typeof end !== 'number') return end;
          index = end;
          expectation = 'colon';
        } else return fail();
        break;
      case 'colon':
        if (char !== ':') return fail();
        index += 1;
        expectation = 'value';
        break;
      case 'after-member':
      case 'after-element': {
        const close = expectation === 'after-member' ? '}' : ']';
        if (char === ',') {
          index += 1;
          expectation = expectation === 'after-member' ? 'key' : 'value';
        } else if (char === close) {
          containers.pop();
          index += 1;
          expectation = afterValue();
        } else return fail();
        break;
      }
      case 'end':
        return fail(`unexpected ${describeChar(char)} after the end of the JSON value`);
      case 'first-value':
      case 'value':
        if (char === ']' && expectation === 'first-value') {
          containers.pop();
          index += 1;
          expectation = afterValue();
        } else if (char === '{') {
          containers.push('object');
          index += 1;
          expectation = 'first-key';
        } else if (char === '[') {
          containers.push('array');
          index += 1;
          expectation = 'first-value';
        } else {
          const end = scanScalar(json, index);
          if (typeof end !== 'number') return end;
          index = end;
          expectation = afterValue();
        }
        break;
    }
  }
}

function scanScalar(json: string, start: number): number | JsonSyntaxProblem {
  const char = json[start] ?? '';
  if (char === '"') return scanString(json, start);
  for (const literal of ['true', 'false', 'null']) {
    if (json.startsWith(literal, start)) return start + literal.length;
  }
  NUMBER.lastIndex = start;
  const number = NUMBER.exec(json);
  if (number !== null && number[0] !== '' && number[0] !== '-') return start + number[0].length;
  const word = /[A-Za-z_]\w*/y;
  word.lastIndex = start;
  const bareWord = word.exec(json)?.[0];
  if (bareWord !== undefined) {
    return {
      offset: start,
      detail: `expected a value, found '${bareWord}' (JSON literals are true, false and null; strings need double quotes)`,
    };
  }
  const hint = char === "'" ? ' (JSON strings use double quotes)' : '';
  return { offset: start, detail: `expected a value, found ${describeChar(char)}${hint}` };
}

function scanString(json: string, start: number): number | JsonSyntaxProblem {
  for (let index = start + 1; index < json.length; index += 1) {
    const char = json[index] ?? '';
    if (char === '"') return index + 1;
    if (char === '\\') {
      const escape = json[index + 1] ?? '';
      if (ESCAPES.has(escape)) index += 1;
      else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(json.slice(index + 2, index + 6))) index += 5;
      else return { offset: index, detail: 'invalid escape sequence in string' };
    } else if (char < ' ') {
      const detail =
        char === '\n' || char === '\r'
          ? 'unterminated string (a line break inside a string must be written as \\n)'
          : 'control character in string (write it as a \\u escape)';
      return { offset: index, detail };
    }
  }
  return { offset: start, detail: 'unterminated string' };
}

function expected(expectation: Expectation, containers: readonly string[]): string {
  switch (expectation) {
    case 'first-key':
      return "expected a property name in double quotes or '}'";
    case 'key':
      return 'expected a property name in double quotes';
    case 'colon':
      return "expected ':' after the property name";
    case 'after-member':
      return "expected ',' or '}' after the property value";
    case 'after-element':
      return "expected ',' or ']' after the array element";
    case 'first-value':
      return "expected a value or ']'";
    case 'value':
      return containers.length === 0 ? 'expected a JSON value' : 'expected a value';
    case 'end':
      return 'expected the end of the input';
  }
}

function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20 || code === 0x7f || code === 0xa0 || code === 0xfeff) {
    return `the invisible character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return char === "'" ? `"'"` : `'${char}'`;
}
