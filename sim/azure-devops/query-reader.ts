import { invalidArgument } from './ado-service-error';
import { type WireEnum } from './wire-enum';

/**
 * Typed access to a request's query string with the service's tolerance: parameter names are
 * case-insensitive (ASP.NET binding), dates may be ISO-8601 or the RFC 1123 form azure-devops-node-api
 * produces with `Date.toUTCString()`, enums may be names or numbers. Every rejection is a 400 envelope
 * that names the parameter and the value found.
 */
export class QueryReader {
  private readonly byLowerName = new Map<string, string>();

  constructor(params: URLSearchParams) {
    for (const [name, value] of params) this.byLowerName.set(name.toLowerCase(), value);
  }

  /** The raw value, or undefined when absent or empty. */
  string(name: string): string | undefined {
    const value = this.byLowerName.get(name.toLowerCase());
    return value === undefined || value === '' ? undefined : value;
  }

  /** An integer parameter, optionally bounded below. */
  int(name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw.trim())) {
      throw invalidArgument(`The value '${raw}' of query parameter '${name}' is not a valid integer.`);
    }
    const value = Number(raw);
    if (value < min) {
      throw invalidArgument(`The value '${raw}' of query parameter '${name}' must be at least ${min}.`);
    }
    return value;
  }

  /** A boolean parameter (`true`/`false`, any case). */
  bool(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const lower = raw.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalidArgument(`The value '${raw}' of query parameter '${name}' is not a valid Boolean.`);
  }

  /** A date parameter as epoch milliseconds. */
  date(name: string): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Date.parse(raw);
    if (Number.isNaN(value)) {
      throw invalidArgument(`The value '${raw}' of query parameter '${name}' is not a valid DateTime.`);
    }
    return value;
  }

  /** An enum parameter as its numeric value (flags combined). */
  enumValue<Name extends string>(name: string, wireEnum: WireEnum<Name>): number | undefined {
    const raw = this.string(name);
    return raw === undefined ? undefined : wireEnum.parse(raw, name);
  }

  /** A comma-separated list of integers. */
  intList(name: string): number[] | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    return raw.split(',').map((part) => {
      if (!/^\s*\d+\s*$/.test(part)) {
        throw invalidArgument(
          `The value '${raw}' of query parameter '${name}' is not a comma-separated list of integers.`,
        );
      }
      return Number(part);
    });
  }

  /** A comma-separated list of strings. */
  stringList(name: string): string[] | undefined {
    const raw = this.string(name);
    return raw === undefined ? undefined : raw.split(',').map((part) => part.trim());
  }

  /**
   * Rejects parameters the simulator recognises but does not model, so a client relying on them gets a
   * clear 400 instead of silently unfiltered data.
   */
  rejectUnsupported(names: readonly string[]): void {
    for (const name of names) {
      if (this.string(name) !== undefined) {
        throw invalidArgument(`The simulator does not support the query parameter '${name}'.`);
      }
    }
  }
}
