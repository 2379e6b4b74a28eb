import { AzureDevOpsError } from './azure-devops-error';
import { type AzureDevOpsResponse } from './send-request';

/** `DateTime.MinValue`, how the service writes a date that is not set. */
const unsetDatePrefix = '0001-01-01';

/**
 * Reads fields out of an unvalidated Azure DevOps body. Every accessor checks the type it promises; a
 * mismatch is an `invalid-response` {@link AzureDevOpsError} naming the request, the JSON path and
 * what was found (`$.value[2].release.id: expected an integer, found "abc"`), so a changed or broken
 * answer never turns into a silent `undefined` further down.
 */
export class WireReader {
  private constructor(
    private readonly value: unknown,
    /** The JSON path of this value, `$` for the body. */
    readonly jsonPath: string,
    private readonly source: {
      readonly method: string;
      readonly path: string;
      readonly redact: (text: string) => string;
    },
  ) {}

  /** A reader for a response body. */
  static of(response: AzureDevOpsResponse): WireReader {
    return new WireReader(response.body, '$', response);
  }

  /** Whether the value is present (neither absent nor `null`). */
  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  /** The reader of a property (which may be absent). */
  field(name: string): WireReader {
    const container = this.objectValue();
    return new WireReader(container[name], `${this.jsonPath}.${name}`, this.source);
  }

  /** An integer. */
  integer(): number {
    if (typeof this.value === 'number' && Number.isInteger(this.value)) return this.value;
    throw this.mismatch('an integer');
  }

  /** An integer, or undefined when absent or null. */
  optionalInteger(): number | undefined {
    return this.present ? this.integer() : undefined;
  }

  /** A string. */
  string(): string {
    if (typeof this.value === 'string') return this.value;
    throw this.mismatch('a string');
  }

  /** A string, or undefined when absent or null. */
  optionalString(): string | undefined {
    return this.present ? this.string() : undefined;
  }

  /** A boolean, or `fallback` when absent or null. */
  boolean(fallback: boolean): boolean {
    if (!this.present) return fallback;
    if (typeof this.value === 'boolean') return this.value;
    throw this.mismatch('a boolean');
  }

  /** A date; undefined when absent, null or the service's "unset" date. */
  date(): Date | undefined {
    if (!this.present) return undefined;
    const text = this.string();
    if (text.startsWith(unsetDatePrefix)) return undefined;
    const time = Date.parse(text);
    if (Number.isNaN(time)) throw this.mismatch('an ISO-8601 date');
    return new Date(time);
  }

  /**
   * An enum member: the service sends camelCase names (PascalCase for `operationStatus`), older
   * clients and some endpoints numbers; both map to the camelCase name.
   */
  enumName<Name extends string>(members: Readonly<Record<Name, number>>, enumName: string): Name {
    const names = Object.keys(members) as Name[];
    if (typeof this.value === 'string') {
      const lower = this.value.toLowerCase();
      const match = names.find((name) => name.toLowerCase() === lower);
      if (match !== undefined) return match;
    } else if (typeof this.value === 'number') {
      const match = names.find((name) => members[name] === this.value);
      if (match !== undefined) return match;
    }
    throw this.mismatch(`a ${enumName} (${names.join(', ')})`);
  }

  /** An enum member, or undefined when absent or null. */
  optionalEnumName<Name extends string>(
    members: Readonly<Record<Name, number>>,
    enumName: string,
  ): Name | undefined {
    return this.present ? this.enumName(members, enumName) : undefined;
  }

  /** The elements of an array. */
  items(): WireReader[] {
    if (!Array.isArray(this.value)) throw this.mismatch('an array');
    return this.value.map(
      (item: unknown, index) => new WireReader(item, `${this.jsonPath}[${index}]`, this.source),
    );
  }

  /** The elements of an array, or none when absent or null. */
  optionalItems(): WireReader[] {
    return this.present ? this.items() : [];
  }

  /** The properties of an object used as a map, or none when absent or null. */
  entries(): [string, WireReader][] {
    if (!this.present) return [];
    return Object.entries(this.objectValue()).map(([name, value]) => [
      name,
      new WireReader(value, `${this.jsonPath}[${JSON.stringify(name)}]`, this.source),
    ]);
  }

  /** The `value` array of a `{count, value}` list body. */
  listItems(): WireReader[] {
    return this.field('value').items();
  }

  private objectValue(): Record<string, unknown> {
    if (typeof this.value === 'object' && this.value !== null && !Array.isArray(this.value)) {
      return this.value as Record<string, unknown>;
    }
    throw this.mismatch('an object');
  }

  private mismatch(expected: string): AzureDevOpsError {
    return new AzureDevOpsError({
      kind: 'invalid-response',
      method: this.source.method,
      path: this.source.path,
      attempts: 1,
      message: this.source.redact(
        `Azure DevOps ${this.source.method} ${this.source.path} answered an unexpected body: ${this.jsonPath}: expected ${expected}, found ${describeValue(this.value)}`,
      ),
    });
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
