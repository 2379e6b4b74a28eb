/** A parsed JSON object. Only own properties count: `"source": "constructor"` must not find Object.prototype. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for JSON objects (not arrays, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's own property `key`, or `undefined` when it has none. */
export function ownValue(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** True when the key is a comment: keys starting with `_` are ignored at every level of a monspec. */
export function isCommentKey(key: string): boolean {
  return key.startsWith('_');
}
