const MAX_DECIMALS = 12;

/**
 * Rounds a number for display: whole numbers from 100, one decimal from 10, two from 1, and two
 * significant digits below 1 (`0.575` → `0.58`, `0.0123` → `0.012`). Rounding is decimal, half away from
 * zero, so binary noise does not show (`0.5 × 1.15` prints `0.58`). Results keep full precision; this is
 * only for people.
 */
export function formatNumber(value: number, extraDecimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  const decimals = Math.min(MAX_DECIMALS, baseDecimals(Math.abs(value)) + extraDecimals);
  const text = roundHalfAwayFromZero(value, decimals).toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A number with its unit: `33.7 %`, `120 ms`, or just the number when the unit is empty. */
export function formatQuantity(value: number, unit: string, extraDecimals = 0): string {
  const number = formatNumber(value, extraDecimals);
  return unit === '' ? number : `${number} ${unit}`;
}

/**
 * Formats two quantities that are compared in one sentence with enough decimals that different values
 * never print the same (`0.5751 % > 0.575 %` rather than `0.58 % > 0.58 %`).
 */
export function formatQuantityPair(a: number, b: number, unit: string): readonly [string, string] {
  for (let extra = 0; extra < MAX_DECIMALS; extra += 1) {
    const pair = [formatQuantity(a, unit, extra), formatQuantity(b, unit, extra)] as const;
    if (a === b || pair[0] !== pair[1]) return pair;
  }
  return [formatQuantity(a, unit, MAX_DECIMALS), formatQuantity(b, unit, MAX_DECIMALS)];
}

function baseDecimals(magnitude: number): number {
  if (magnitude === 0 || magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return Math.max(2, 1 - Math.floor(Math.log10(magnitude)));
}

function roundHalfAwayFromZero(value: number, decimals: number): number {
  // Printing to 15 significant digits first drops the binary representation error (0.57499999… → 0.575).
  const clean = Math.abs(Number(value.toPrecision(15)));
  const text = String(clean);
  const rounded = text.includes('e')
    ? Number(clean.toFixed(decimals))
    : Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
  return Math.sign(value) * rounded;
}
