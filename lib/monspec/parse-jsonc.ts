import { findExcessiveNesting, MAX_JSON_NESTING } from '../json/find-excessive-nesting';
import { JsonSyntaxError } from '../json/json-syntax-error';
import { locateJsonSyntaxError } from '../json/locate-json-syntax-error';
import { stripJsonc } from './strip-jsonc';

const V8_POSITION = /at position (\d+)/;

/**
 * Parses JSON or JSONC (comments and trailing commas allowed). JSON.parse does the parsing; when it fails,
 * the error is located in the original text by line and column. Objects and arrays nested deeper than
 * {@link MAX_JSON_NESTING} levels are refused: every later walk of such a value would overflow the stack.
 *
 * @throws JsonSyntaxError naming the line, column and what was expected.
 */
export function parseJsonc(text: string): unknown {
  const json = stripJsonc(text);
  let value: unknown;
  try {
    value = JSON.parse(json) as unknown;
  } catch (error) {
    const problem = locateJsonSyntaxError(json);
    if (problem !== undefined)
      throw new JsonSyntaxError(text, problem.offset, problem.detail, { cause: error });
    // Only reachable if V8 rejects something the locator accepts; fall back to V8's own words.
    const message = error instanceof Error ? error.message : 'invalid JSON';
    const position = V8_POSITION.exec(message)?.[1];
    throw new JsonSyntaxError(text, position === undefined ? text.length : Number(position), message, {
      cause: error,
    });
  }
  // The stripped text keeps every offset of the original, so the position reads right in the file.
  const excess = findExcessiveNesting(json, MAX_JSON_NESTING);
  if (excess !== undefined) {
    throw new JsonSyntaxError(
      text,
      excess.offset,
      `objects and arrays nest more than ${MAX_JSON_NESTING} levels deep here`,
    );
  }
  return value;
}
