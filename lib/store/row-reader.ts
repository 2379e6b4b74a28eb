import { StoredRecordError } from './stored-record-error';

/** Typed access to a stored row; anything unexpected is a {@link StoredRecordError} naming the property. */
export class RowReader {
  constructor(
    private readonly tableName: string,
    private readonly partitionKey: string,
    private readonly rowKey: string,
    private readonly row: Record<string, unknown>,
  ) {}

  string(name: string): string {
    const value = this.row[name];
    if (typeof value !== 'string' || value === '') throw this.malformed(name, 'a non-empty string', value);
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.row[name] === undefined || this.row[name] === null ? undefined : this.string(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.row[name];
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) throw this.malformed(name, `one of ${allowed.join(', ')}`, value);
    return match;
  }

  optionalOneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    return this.row[name] === undefined || this.row[name] === null ? undefined : this.oneOf(name, allowed);
  }

  positiveInteger(name: string): number {
    const value = this.row[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw this.malformed(name, 'a positive whole number', value);
    }
    return value;
  }

  optionalPositiveInteger(name: string): number | undefined {
    return this.row[name] === undefined || this.row[name] === null ? undefined : this.positiveInteger(name);
  }

  boolean(name: string): boolean {
    const value = this.row[name];
    if (typeof value !== 'boolean') throw this.malformed(name, 'true or false', value);
    return value;
  }

  time(name: string): number {
    const value = this.string(name);
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw this.malformed(name, 'an ISO 8601 time', value);
    return time;
  }

  optionalTime(name: string): number | undefined {
    return this.row[name] === undefined || this.row[name] === null ? undefined : this.time(name);
  }

  optionalJsonObject(name: string): Readonly<Record<string, unknown>> | undefined {
    const text = this.optionalString(name);
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw this.malformed(name, 'a JSON object', `${text.slice(0, 40)}…`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw this.malformed(name, 'a JSON object', value);
    }
    return value as Record<string, unknown>;
  }

  private malformed(name: string, expected: string, found: unknown): StoredRecordError {
    const shown =
      typeof found === 'string' ? `"${found}"` : found === undefined ? 'nothing' : JSON.stringify(found);
    return new StoredRecordError(
      this.tableName,
      this.partitionKey,
      this.rowKey,
      `property ${name} should be ${expected}, found ${shown}`,
    );
  }
}
