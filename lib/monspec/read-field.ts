import { appendJsonPath } from './append-json-path';
import { describeJsonValue } from './describe-json-value';
import { type IssueCollector } from './issue-collector';
import { isCommentKey, ownValue, type JsonObject } from './json-object';
import { suggestClosest } from './suggest-closest';

/** Where a field lives: the object holding it, the object's JSON path, and the key. */
export interface FieldLocation {
  readonly object: JsonObject;
  readonly path: string;
  readonly key: string;
}

/**
 * Reports a required field as missing. If a sibling key looks like a typo of it (`comapre` for
 * `compare`), the message says so, because that is by far the most common cause.
 */
export function reportMissing(issues: IssueCollector, field: FieldLocation, expected: string): void {
  const typo = Object.keys(field.object).find(
    (sibling) =>
      !isCommentKey(sibling) && sibling !== field.key && suggestClosest(sibling, [field.key]) !== undefined,
  );
  const hint =
    typo === undefined ? '' : ` (is ${JSON.stringify(typo)} a typo of ${JSON.stringify(field.key)}?)`;
  issues.error(appendJsonPath(field.path, field.key), `is missing; expected ${expected}${hint}`);
}

/** Options for {@link readString}. */
export const REQUIRED = { required: true } as const;
export const OPTIONAL = { required: false } as const;

/**
 * Reads a string field. Reports a missing required field, a non-string or an empty string; returns the
 * string only when it is usable.
 */
export function readString(
  issues: IssueCollector,
  field: FieldLocation,
  expected: string,
  options: { readonly required: boolean },
): string | undefined {
  const value = ownValue(field.object, field.key);
  if (value === undefined) {
    if (options.required) reportMissing(issues, field, expected);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    const found = value === '' ? 'an empty string' : describeJsonValue(value);
    issues.error(appendJsonPath(field.path, field.key), `expected ${expected}, found ${found}`);
    return undefined;
  }
  return value;
}

/**
 * Reads an optional string field whose value must be one of `allowed`, suggesting the closest value for
 * near misses (`"Upper"` → `"upper"`).
 */
export function readChoice<T extends string>(
  issues: IssueCollector,
  field: FieldLocation,
  allowed: readonly T[],
): T | undefined {
  const value = ownValue(field.object, field.key);
  if (value === undefined) return undefined;
  const choice = allowed.find((candidate) => candidate === value);
  if (choice !== undefined) return choice;
  const suggestion = typeof value === 'string' ? suggestClosest(value, allowed) : undefined;
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  issues.error(
    appendJsonPath(field.path, field.key),
    `expected one of ${allowed.join(', ')}, found ${describeJsonValue(value)}${hint}`,
  );
  return undefined;
}

/**
 * Reads an optional finite number field that must be at least `minimum` (or greater than it, when
 * `exclusive`). Returns `undefined` when absent or invalid (invalid values are reported).
 */
export function readNumber(
  issues: IssueCollector,
  field: FieldLocation,
  expected: string,
  bound: { readonly minimum: number; readonly exclusive: boolean },
): number | undefined {
  const value = ownValue(field.object, field.key);
  if (value === undefined) return undefined;
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bound.exclusive ? value > bound.minimum : value >= bound.minimum);
  if (!inRange) {
    issues.error(
      appendJsonPath(field.path, field.key),
      `expected ${expected}, found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  return value;
}
