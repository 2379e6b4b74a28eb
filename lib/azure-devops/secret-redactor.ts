/** Removes registered secrets from text before it reaches a message or a log line. */
export interface SecretRedactor {
  /** Registers another secret (for example a variable value the caller marked secret). */
  add(secret: string): void;
  /** The text with every registered secret, in every form it travels in, replaced by `***`. */
  redact(text: string): string;
}

/** Secrets shorter than this are not redacted: replacing every "a" would destroy messages, not protect. */
const minimumSecretLength = 4;

/**
 * Creates a redactor for the given secrets. Besides the raw value it knows the forms a token takes on
 * the wire: the base64 of `PAT:<token>` (node-api's Basic header), of `:<token>` (Basic with an empty
 * user) and of the token alone, and its percent-encoded form.
 */
export function createSecretRedactor(secrets: readonly string[] = []): SecretRedactor {
  const forms = new Set<string>();
  const add = (secret: string): void => {
    if (secret.length < minimumSecretLength) return;
    for (const form of [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
      Buffer.from(`PAT:${secret}`).toString('base64'),
      Buffer.from(`:${secret}`).toString('base64'),
    ]) {
      forms.add(form);
    }
  };
  for (const secret of secrets) add(secret);
  return {
    add,
    redact(text) {
      let result = text;
      // Longest first, so a form that contains another is replaced whole.
      for (const form of [...forms].sort((a, b) => b.length - a.length))
        result = result.split(form).join('***');
      return result;
    },
  };
}
