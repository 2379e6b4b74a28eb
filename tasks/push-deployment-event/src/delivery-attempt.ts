/** What one attempt to send the event achieved. */
export type DeliveryAttempt =
  /** Dynatrace stored the event on at least one entity; one id per stored event. */
  | { readonly matched: true; readonly ids: readonly string[] }
  /** The target matched no entity (yet): nothing was stored. */
  | { readonly matched: false };
