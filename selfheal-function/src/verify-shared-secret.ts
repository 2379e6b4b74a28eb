import { createHash, timingSafeEqual } from 'node:crypto';

/** The header the Dynatrace custom integration sends the shared secret in (configure it as a custom header). */
export const SHARED_SECRET_HEADER = 'x-unbreakable-secret';

/** Whether a request may proceed, and if not, why (without saying anything about the expected value). */
export type SecretCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'missing' | 'wrong' };

/**
 * Compares the header with the configured secret in constant time. Both sides are hashed first, so the
 * comparison takes the same time whatever the lengths (`timingSafeEqual` needs equal lengths, and an early
 * length check would reveal the secret's length). Without a configured secret every request passes: the
 * function key still protects the route.
 */
export function verifySharedSecret(presented: string | null, expected: string | undefined): SecretCheck {
  if (expected === undefined) return { ok: true };
  if (presented === null || presented === '') return { ok: false, reason: 'missing' };
  const equal = timingSafeEqual(digest(presented), digest(expected));
  return equal ? { ok: true } : { ok: false, reason: 'wrong' };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
