import { type InvocationContext } from '@azure/functions';

/** Log lines of one invocation, with every configured secret removed before they are written. */
export interface SelfHealLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes to the invocation's log (Application Insights in Azure) through the redactor. */
export function createSelfHealLog(context: InvocationContext, redact: (text: string) => string): SelfHealLog {
  return {
    info: (message) => context.log(redact(message)),
    warn: (message) => context.warn(redact(message)),
    error: (message) => context.error(redact(message)),
  };
}
