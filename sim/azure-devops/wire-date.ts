/**
 * Formats a time the way Azure DevOps serialises DateTime values: ISO-8601 UTC with `Z` and the
 * fractional seconds trimmed of trailing zeros (`2017-08-29T16:51:32.09Z`, `2017-08-29T16:51:32Z`).
 */
export function wireDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.?0+Z$/, 'Z');
}

/** How the service writes an unset DateTime (`DateTime.MinValue`, no zone). */
export const unsetWireDate = '0001-01-01T00:00:00';
