import { createHash } from 'node:crypto';

/**
 * A GUID derived from text, so seeded projects, plans and timeline records get the same ids on every
 * run (tests and recorded demos stay reproducible).
 */
export function stableGuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  // Version 5 / RFC 4122 variant bits, so the value also looks like a GUID to strict parsers.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
