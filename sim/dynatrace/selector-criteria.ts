/** A criterion of an entity, event or problem selector, e.g. `tag("a","b")` or `not(type(HOST))`. */
export interface Criterion {
  readonly name: string;
  readonly args: readonly CriterionArgument[];
}

/** One argument: a (quoted or bare) value, or a nested criterion as in `not(...)`. */
export type CriterionArgument =
  | { readonly kind: 'value'; readonly value: string; readonly quoted: boolean }
  | { readonly kind: 'criterion'; readonly criterion: Criterion };

/** A selector that is not well-formed; the message names the position and what was expected. */
export class SelectorSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorSyntaxError';
  }
}

/**
 * Parses the shared selector syntax: comma-separated `name(arg, …)` criteria, where an argument is a bare
 * word, a quoted string (inside which `~"` stands for `"` and `~~` for `~`) or a nested criterion.
 */
export function parseCriteria(text: string): Criterion[] {
  const parser = new CriteriaParser(text);
  const criteria = [parser.criterion()];
  while (parser.skipComma()) criteria.push(parser.criterion());
  parser.expectEnd();
  return criteria;
}

/** Reads a quoted string starting at `start` (the opening quote); returns its value and the next index. */
export function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') return { value, next: index + 1 };
    if (char === '~') {
      const escaped = text[index + 1];
      if (escaped !== '"' && escaped !== '~') {
        throw new SelectorSyntaxError(
          `invalid escape at position ${index + 1}: inside quotes only ~" and ~~ are allowed, found ~${escaped ?? ''}`,
        );
      }
      value += escaped;
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
  throw new SelectorSyntaxError(`unterminated quoted string starting at position ${start + 1}`);
}

const NAME = /^[A-Za-z_][^\s(),"]*/;

class CriteriaParser {
  private index = 0;

  constructor(private readonly text: string) {}

  criterion(): Criterion {
    this.skipSpace();
    const match = NAME.exec(this.text.slice(this.index));
    if (!match) throw this.error('a criterion such as type(SERVICE)');
    const name = match[0];
    this.index += name.length;
    this.skipSpace();
    if (this.text[this.index] !== '(') throw this.error(`"(" after ${name}`);
    this.index += 1;
    const args: CriterionArgument[] = [];
    this.skipSpace();
    if (this.text[this.index] === ')') {
      this.index += 1;
      return { name, args };
    }
    for (;;) {
      args.push(this.argument());
      this.skipSpace();
      const char = this.text[this.index];
      this.index += 1;
      if (char === ')') return { name, args };
      if (char !== ',') {
        this.index -= 1;
        throw this.error(`"," or ")" in the arguments of ${name}`);
      }
    }
  }

  skipComma(): boolean {
    this.skipSpace();
    if (this.text[this.index] !== ',') return false;
    this.index += 1;
    return true;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.index < this.text.length) throw this.error('"," or the end of the selector');
  }

  private argument(): CriterionArgument {
    this.skipSpace();
    if (this.text[this.index] === '"') {
      const { value, next } = readQuoted(this.text, this.index);
      this.index = next;
      return { kind: 'value', value, quoted: true };
    }
    const rest = this.text.slice(this.index);
    const nested = NAME.exec(rest);
    if (nested && /^\s*\(/.test(rest.slice(nested[0].length))) {
      return { kind: 'criterion', criterion: this.criterion() };
    }
    const bare = /^[^,()"]*/.exec(rest)?.[0] ?? '';
    if (bare.trim() === '') throw this.error('a value');
    this.index += bare.length;
    return { kind: 'value', value: bare.trim(), quoted: false };
  }

  private skipSpace(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index] ?? '')) this.index += 1;
  }

  private error(expected: string): SelectorSyntaxError {
    const found =
      this.index < this.text.length
        ? JSON.stringify(this.text.slice(this.index, this.index + 12))
        : 'the end';
    return new SelectorSyntaxError(`expected ${expected} at position ${this.index + 1}, found ${found}`);
  }
}

/** The plain values of a criterion; a nested criterion where a value belongs is a syntax error. */
export function criterionValues(criterion: Criterion): string[] {
  return criterion.args.map((arg) => {
    if (arg.kind === 'criterion') {
      throw new SelectorSyntaxError(
        `${criterion.name}(…) takes values, not the criterion ${arg.criterion.name}(…)`,
      );
    }
    return arg.value;
  });
}

/** Exactly one value; `what` names the criterion in the message. */
export function singleValue(criterion: Criterion): string {
  const values = criterionValues(criterion);
  const [value] = values;
  if (values.length !== 1 || value === undefined) {
    throw new SelectorSyntaxError(`${criterion.name}(…) takes exactly one value, found ${values.length}`);
  }
  return value;
}

/** At least one value. */
export function someValues(criterion: Criterion): string[] {
  const values = criterionValues(criterion);
  if (values.length === 0) throw new SelectorSyntaxError(`${criterion.name}(…) needs at least one value`);
  return values;
}
