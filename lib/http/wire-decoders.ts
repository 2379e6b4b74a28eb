/**
 * Small, composable validators that turn an `unknown` wire payload into a typed value or fail with
 * the JSON path of the first mismatch. Unknown properties are dropped, so the typed result holds
 * exactly what was checked; a service adding fields never breaks decoding.
 *
 * Decoders are plain functions so that a typed interface can be checked against them at compile
 * time: `const decodeX: Decoder<X> = object({ … })` fails to compile when the shape and `X` drift.
 */

/** Turns the value found at `path` into a `T`, or throws {@link WireFormatError}. */
export type Decoder<T> = (value: unknown, path: string) => T;

/** A payload did not have the expected shape. */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
  /** JSON path of the offending value, e.g. `$.result[0].data[1].values[3]`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;

  constructor(path: string, expected: string, value: unknown) {
    const found = describeValue(value);
    super(`at ${path}: expected ${expected}, found ${found}`);
    this.path = path;
    this.expected = expected;
    this.found = found;
  }
}

/** Decodes a whole payload; paths in errors start at `$`. */
export function decode<T>(decoder: Decoder<T>, value: unknown): T {
  return decoder(value, '$');
}

export const string: Decoder<string> = (value, path) => {
  if (typeof value !== 'string') {
    throw new WireFormatError(path, 'a string', value);
  }
  return value;
};

export const number: Decoder<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WireFormatError(path, 'a number', value);
  }
  return value;
};

export const boolean: Decoder<boolean> = (value, path) => {
  if (typeof value !== 'boolean') {
    throw new WireFormatError(path, 'a boolean', value);
  }
  return value;
};

/** Accepts any value as is: for parts of a payload the client passes through without reading. */
export const unknownValue: Decoder<unknown> = (value) => value;

/** `null` stays `null`; anything else must satisfy `decoder`. A missing value is also read as `null`. */
export function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null || value === undefined ? null : decoder(value, path));
}

export function arrayOf<T>(decoder: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) {
      throw new WireFormatError(path, 'an array', value);
    }
    return value.map((item: unknown, index) => decoder(item, `${path}[${index}]`));
  };
}

/** A fixed-length array such as a v1 data point `[timestamp, value]`. */
export function tuple<A, B>(first: Decoder<A>, second: Decoder<B>): Decoder<[A, B]> {
  return (value, path) => {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new WireFormatError(path, 'an array of 2 items', value);
    }
    const items: readonly unknown[] = value;
    return [first(items[0], `${path}[0]`), second(items[1], `${path}[1]`)];
  };
}

/** An object used as a map, e.g. `dimensionMap` or `customProperties`. */
export function recordOf<T>(decoder: Decoder<T>): Decoder<Record<string, T>> {
  return (value, path) => {
    const record = asPlainObject(value, path);
    const result: Record<string, T> = {};
    for (const [key, entry] of record) {
      result[key] = decoder(entry, childPath(path, key));
    }
    return result;
  };
}

/** Like `decoder`, but a missing or `null` value becomes `fallback` (e.g. an absent list becomes `[]`). */
export function withDefault<T>(decoder: Decoder<T>, fallback: T): Decoder<T> {
  return (value, path) => (value === null || value === undefined ? fallback : decoder(value, path));
}

/** Marks an object property as optional: a missing or `null` value leaves the property out. */
export interface OptionalField<T> {
  readonly optional: Decoder<T>;
}

export function optional<T>(decoder: Decoder<T>): OptionalField<T> {
  return { optional: decoder };
}

type Shape = Readonly<Record<string, Decoder<unknown> | OptionalField<unknown>>>;

type RequiredKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalField<unknown> ? never : K;
}[keyof S];

type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalField<unknown> ? K : never;
}[keyof S];

/** The value type an {@link object} decoder with shape `S` produces. */
export type DecodedShape<S extends Shape> = {
  [K in RequiredKeys<S>]: S[K] extends Decoder<infer T> ? T : never;
} & {
  [K in OptionalKeys<S>]?: S[K] extends OptionalField<infer T> ? T : never;
};

/** An object with the given properties; other properties are dropped. */
export function object<S extends Shape>(shape: S): Decoder<DecodedShape<S>> {
  return (value, path) => {
    const record = asPlainObject(value, path);
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const raw = record.get(key);
      if (typeof field === 'function') {
        result[key] = field(raw, childPath(path, key));
      } else if (raw !== undefined && raw !== null) {
        result[key] = field.optional(raw, childPath(path, key));
      }
    }
    // The loop above visits every key of S and checks each value with its decoder; TypeScript cannot
    // follow that correspondence through Object.entries, hence the one assertion of this module.
    return result as DecodedShape<S>;
  };
}

/** A string that is also accepted as a number (some Dynatrace ids are JSON numbers in v1). */
export const stringOrNumber: Decoder<string> = (value, path) => {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  throw new WireFormatError(path, 'a string or number', value);
};

function asPlainObject(value: unknown, path: string): ReadonlyMap<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WireFormatError(path, 'an object', value);
  }
  return new Map<string, unknown>(Object.entries(value));
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length} items`;
  }
  if (typeof value === 'string') {
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return typeof value === 'number' ? `the number ${String(value)}` : String(value);
  }
  return typeof value === 'object' ? 'an object' : typeof value;
}
