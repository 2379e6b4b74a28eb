/**
 * The 1-based line and column of an offset in a text, as editors count them: `\r\n`, `\n` and a lone `\r`
 * each end a line, and columns count UTF-16 code units.
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
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
