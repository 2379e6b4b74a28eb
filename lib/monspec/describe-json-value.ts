const MAX_STRING_LENGTH = 40;

/**
 * Describes a JSON value for an error message ("found …"). It never converts the value itself to a string,
 * so any JSON input - including objects without a prototype - is safe to describe.
 */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'string') {
    return value.length > MAX_STRING_LENGTH
      ? `the string ${JSON.stringify(value.slice(0, MAX_STRING_LENGTH))}…`
      : `the string ${JSON.stringify(value)}`;
  }
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a value of type ${typeof value}`;
}
