/** Removes secrets from text before it reaches an error message or a log line. */
export interface Redactor {
  /** `text` with every known secret form replaced by {@link REDACTED}. */
  readonly redact: (text: string) => string;
  /** A copy of a parsed JSON value with every string run through {@link Redactor.redact}. */
  readonly redactValue: (value: unknown) => unknown;
}

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Builds a redactor for the given secrets (API tokens, PATs, whole header values).
 *
 * A credential rarely appears in the exact form it was configured in: an `Authorization` header
 * carries `Api-Token <token>`, `Bearer <token>` or `Basic base64(user:token)`, and a server may echo
 * it URL-encoded. So each secret is expanded into those forms, and `<scheme> <credential>` values
 * contribute the bare credential (and, for Basic, the decoded password) as well.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    addSecretForms(secret, forms);
  }
  const ordered = [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
  // Longest first so that a secret's base64 form is not half-replaced via a shorter overlapping form.
  const pattern = ordered.length > 0 ? new RegExp(ordered.map(formPattern).join('|'), 'g') : undefined;

  const redact = (text: string): string => (pattern ? text.replace(pattern, REDACTED) : text);
  const redactValue = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return redact(value);
    }
    if (Array.isArray(value)) {
      return value.map(redactValue);
    }
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, entry]) => [redact(key), redactValue(entry)] as const),
      );
    }
    return value;
  };
  return { redact, redactValue };
}

function addSecretForms(secret: string, forms: Set<string>): void {
  const trimmed = secret.trim();
  if (trimmed.length === 0) {
    return;
  }
  addEncodings(trimmed, forms);

  const schemeMatch = /^([A-Za-z][\w-]*)\s+(\S.*)$/.exec(trimmed);
  const credential = schemeMatch?.[2];
  if (schemeMatch === null || credential === undefined) {
    return;
  }
  addEncodings(credential, forms);
  if (schemeMatch[1]?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) {
      addEncodings(decoded, forms);
      addEncodings(decoded.slice(colon + 1), forms);
    }
  }
}

function addEncodings(value: string, forms: Set<string>): void {
  if (value.length === 0) {
    return;
  }
  forms.add(value);
  forms.add(encodeURIComponent(value));
  for (const prefix of ['', ':', 'PAT:']) {
    const bytes = Buffer.from(prefix + value, 'utf8');
    forms.add(bytes.toString('base64'));
    forms.add(bytes.toString('base64url'));
  }
}

/**
 * Below this length a secret is only redacted where it stands alone: a (test or misconfigured)
 * token `x` must not turn "expired" into "e[REDACTED]pired" in every message.
 */
const SHORT_SECRET_LENGTH = 8;

function formPattern(form: string): string {
  const escaped = escapeRegExp(form);
  return form.length >= SHORT_SECRET_LENGTH ? escaped : `(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
