import { createRedactor, type Redactor } from '../http';

/** Removes registered secrets from text before it reaches a message or a log line. */
export interface SecretRedactor {
  /** Registers another secret (for example a variable value the caller marked secret). */
  add(secret: string): void;
  /** The text with every registered secret, in every form it travels in, replaced by `[REDACTED]`. */
  redact(text: string): string;
}

/**
 * A redactor that can learn secrets after it was made: the PAT up front, secret pipeline variables when a
 * call carries them. The forms a secret travels in (raw, URL-encoded, base64 of `PAT:<token>` and
 * `:<token>` as in Basic headers) are lib/http's, so every client redacts alike.
 */
export function createSecretRedactor(secrets: readonly string[] = []): SecretRedactor {
  const known = [...secrets];
  let redactor: Redactor = createRedactor(known);
  return {
    add(secret) {
      known.push(secret);
      redactor = createRedactor(known);
    },
    redact: (text) => redactor.redact(text),
  };
}
