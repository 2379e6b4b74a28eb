import { type DeliveryAttempt } from './delivery-attempt';

/** How long to keep trying while the target matches no entity. */
export interface NoMatchRetryPlan {
  /** Further attempts after the first. */
  readonly retries: number;
  readonly delayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to log it; `attempt` is the one that just matched nothing (1-based). */
  readonly onUnmatched: (attempt: number, attempts: number) => void;
}

/** The result of {@link sendUntilMatched}. */
export type Delivery =
  | { readonly matched: true; readonly ids: readonly string[]; readonly attempts: number }
  | { readonly matched: false; readonly attempts: number };

/**
 * Sends until an attempt matches an entity or the retries are used up. Only "no entity matched" is retried
 * here, because a freshly started process gets its auto-tags some seconds late; HTTP failures (429, 5xx)
 * are retried inside the client, and everything else ends the run at once.
 */
export async function sendUntilMatched(
  send: () => Promise<DeliveryAttempt>,
  plan: NoMatchRetryPlan,
): Promise<Delivery> {
  const attempts = plan.retries + 1;
  for (let attempt = 1; ; attempt += 1) {
    const result = await send();
    if (result.matched) return { matched: true, ids: result.ids, attempts: attempt };
    if (attempt >= attempts) return { matched: false, attempts };
    plan.onUnmatched(attempt, attempts);
    await plan.sleep(plan.delayMs);
  }
}
