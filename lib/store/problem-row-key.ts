import { createHash } from 'node:crypto';

const PLAIN_KEY = /^[A-Za-z0-9_.-]{1,200}$/;

/**
 * The RowKey for a problem id or deployment key. Dynatrace problem ids (`-6478…_1641223491837V2`) are
 * used as they are, so the table stays readable in Storage Explorer; anything with characters Table
 * Storage forbids or escapes awkwardly in keys (`/ \ # ?`, quotes, control characters) or longer than
 * 200 characters becomes `sha256-<hex>` instead, which is fixed-length and always valid.
 */
export function toRowKey(value: string): string {
  return PLAIN_KEY.test(value) ? value : `sha256-${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}
