/**
 * A small evaluator for the subset of the Azure DevOps task-condition expression language that a server
 * task's success `Expression` uses: `or`, `and`, `not`, `eq`, `ne`, `root['field']` (nested indexing
 * allowed), string literals in single quotes (`''` escapes a quote), numbers, `true` and `false`.
 * Semantics follow the documentation: `eq` converts the right operand to the left operand's type and
 * compares strings ordinally ignoring case; `and`/`or` cast to boolean (null, '', 0 and false are false).
 * Anything else — another function, an unexpanded `$(macro)` outside a string — throws, so a task.json
 * that relies on more than this cannot pass its test by accident.
 */
export function evaluateTaskExpression(expression: string, root: unknown): boolean {
  const parser = new Parser(expression);
  const value = parser.parseExpression(root);
  parser.expectEnd();
  return toBoolean(value);
}

type Value = string | number | boolean | null | object;

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseExpression(root: unknown): Value {
    this.skipSpaces();
    if (this.text.startsWith("'", this.position)) return this.parseString();
    const number = /^-?\d+(\.\d+)?/.exec(this.text.slice(this.position));
    if (number !== null) {
      this.position += number[0].length;
      return Number(number[0]);
    }
    const identifier = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position))?.[0];
    if (identifier === undefined) this.fail('an expression');
    this.position += identifier.length;
    const name = identifier.toLowerCase();
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'root') return this.parseIndexing(root);
    const args = this.parseArguments(root);
    switch (name) {
      case 'or':
        return this.requireArity(name, args, 2, Infinity).some(toBoolean);
      case 'and':
        return this.requireArity(name, args, 2, Infinity).every(toBoolean);
      case 'not':
        return !toBoolean(this.requireArity(name, args, 1, 1)[0] ?? null);
      case 'eq':
      case 'ne': {
        const [left = null, right = null] = this.requireArity(name, args, 2, 2);
        return equals(left, right) === (name === 'eq');
      }
      default:
        throw new Error(`unsupported function ${identifier}() in ${JSON.stringify(this.text)}`);
    }
  }

  expectEnd(): void {
    this.skipSpaces();
    if (this.position !== this.text.length) this.fail('the end of the expression');
  }

  private parseIndexing(root: unknown): Value {
    let value: unknown = root;
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('[', this.position)) break;
      this.position += 1;
      this.skipSpaces();
      const key = this.parseString();
      this.skipSpaces();
      this.expect(']');
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value ?? null;
  }

  private parseArguments(root: unknown): Value[] {
    this.skipSpaces();
    this.expect('(');
    const args: Value[] = [];
    for (;;) {
      args.push(this.parseExpression(root));
      this.skipSpaces();
      if (this.text.startsWith(')', this.position)) {
        this.position += 1;
        return args;
      }
      this.expect(',');
    }
  }

  private parseString(): string {
    this.expect("'");
    let value = '';
    for (;;) {
      const quote = this.text.indexOf("'", this.position);
      if (quote === -1) this.fail('a closing quote');
      value += this.text.slice(this.position, quote);
      this.position = quote + 1;
      if (this.text[this.position] !== "'") return value;
      value += "'";
      this.position += 1;
    }
  }

  private requireArity(name: string, args: Value[], min: number, max: number): Value[] {
    if (args.length < min || args.length > max) {
      throw new Error(
        `${name}() takes ${min === max ? min : `at least ${min}`} arguments, found ${args.length}`,
      );
    }
    return args;
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.position)) this.fail(JSON.stringify(token));
    this.position += token.length;
  }

  private skipSpaces(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }

  private fail(expected: string): never {
    throw new Error(
      `expected ${expected} at offset ${this.position} of ${JSON.stringify(this.text)}, found ${JSON.stringify(this.text.slice(this.position, this.position + 12))}`,
    );
  }
}

function toBoolean(value: Value): boolean {
  if (value === null || value === false || value === '' || value === 0) return false;
  return true;
}

function equals(left: Value, right: Value): boolean {
  if (left === null || right === null) return left === right;
  if (typeof left === 'string')
    return typeof right === 'object' ? false : left.toLowerCase() === String(right).toLowerCase();
  if (typeof left === 'number') {
    const converted = typeof right === 'string' && right.trim() !== '' ? Number(right) : right;
    return converted === left;
  }
  if (typeof left === 'boolean') return toBoolean(right) === left;
  return false;
}
