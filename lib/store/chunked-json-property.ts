/**
 * Table Storage limits a string property to 64 KiB (32 K UTF-16 characters) and an entity to 1 MiB. A JSON
 * value that may exceed one property is stored across `name`, `name_2`, `name_3`, … of at most
 * {@link CHUNK_CHARS} characters each.
 */

/** Characters per property: well below the 32 K limit. */
export const CHUNK_CHARS = 30_000;

/** Writes `value` as JSON into `row`; `false` (nothing written) when it needs more than `maxChunks` properties. */
export function writeChunkedJson(
  row: Record<string, string | number | boolean>,
  name: string,
  value: unknown,
  maxChunks: number,
): boolean {
  const json = JSON.stringify(value);
  const chunks = Math.max(1, Math.ceil(json.length / CHUNK_CHARS));
  if (chunks > maxChunks) return false;
  for (let index = 0; index < chunks; index += 1) {
    row[chunkName(name, index)] = json.slice(index * CHUNK_CHARS, (index + 1) * CHUNK_CHARS);
  }
  return true;
}

/**
 * The JSON text stored by {@link writeChunkedJson}, joined again; `undefined` when the property is absent.
 * Parsing and checking the value is the caller's business.
 */
export function readChunkedJson(row: Readonly<Record<string, unknown>>, name: string): string | undefined {
  let text: string | undefined;
  for (let index = 0; ; index += 1) {
    const chunk = row[chunkName(name, index)];
    if (typeof chunk !== 'string') return text;
    text = (text ?? '') + chunk;
  }
}

function chunkName(name: string, index: number): string {
  return index === 0 ? name : `${name}_${index + 1}`;
}
