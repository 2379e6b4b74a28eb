const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a static limit: a finite number, or a string holding a plain decimal number (`"100"`, `" 2.5 "`),
 * because the original tools accepted both. Hex, `Infinity` and empty strings are not limits.
 */
export function parseLimit(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!DECIMAL.test(text)) return undefined;
  const limit = Number(text);
  return Number.isFinite(limit) ? limit : undefined;
}
