import { lineAndColumn } from './line-and-column';

/**
 * A syntax error in a JSON or JSONC text, located by 1-based line and column (columns count UTF-16 code
 * units, as editors' "go to column" does for everything outside astral characters).
 */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly detail: string;

  constructor(text: string, offset: number, detail: string, options?: { cause?: unknown }) {
    const { line, column } = lineAndColumn(text, offset);
    super(`line ${line}, column ${column}: ${detail}`, options);
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}
