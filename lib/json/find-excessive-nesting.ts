/**
 * The deepest nesting of objects and arrays the product accepts in any JSON it receives (gate requests,
 * monspec files, problem notifications). The richest real document, Dynatrace's `{ProblemDetailsJSONv2}`,
 * nests under ten levels; anything near this limit is an attack or a mistake, not data.
 */
export const MAX_JSON_NESTING = 64;

/** Where a JSON text first opens more nested objects and arrays than allowed. */
export interface ExcessiveNesting {
  /** Offset of the `{` or `[` that opens level `maxDepth + 1`. */
  readonly offset: number;
  readonly maxDepth: number;
}

/**
 * Finds the first `{` or `[` that opens a container nested deeper than `maxDepth` levels (the outermost
 * container is level 1), or `undefined` when the text stays within the limit. Brackets inside strings do
 * not count. It scans the text once without building anything, so it is safe on any input; on text that is
 * not JSON it still returns a position, which is only meaningful once the text is known to parse.
 *
 * Why it exists: `JSON.parse` accepts half a million levels in a 1 MB body, but every recursive walk of
 * the result afterwards (`JSON.stringify`, redaction, validation) overflows the call stack long before.
 *
 * @throws RangeError when `maxDepth` is not a positive integer.
 */
export function findExcessiveNesting(text: string, maxDepth: number): ExcessiveNesting | undefined {
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(`maxDepth must be a positive integer; found ${String(maxDepth)}`);
  }
  let depth = 0;
  let inString = false;
  for (let offset = 0; offset < text.length; offset += 1) {
    const char = text[offset];
    if (inString) {
      if (char === '\\') offset += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > maxDepth) return { offset, maxDepth };
    } else if (char === '}' || char === ']') {
      depth -= 1;
    }
  }
  return undefined;
}
