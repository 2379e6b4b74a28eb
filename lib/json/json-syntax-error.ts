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

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index += 1) {
    const char = text[index];
    // \r\n counts once: the \r ends the line and the \n starts nothing new.
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
