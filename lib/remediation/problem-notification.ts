/** An entity a problem affects, as the notification or the Problems API names it. */
export interface ImpactedEntity {
  /** A Dynatrace entity id, e.g. `SERVICE-5A1F0C3B7E9D2468`. */
  readonly id: string;
  /** e.g. `SERVICE`, `HOST`. */
  readonly type?: string;
  readonly name?: string;
}

/**
 * A Dynatrace problem notification, read tolerantly from the user's custom-integration payload template
 * (see `parseProblemNotification`). Only `state` and `problemId` are always present.
 */
export interface ProblemNotification {
  /** Upper case: `OPEN`, `RESOLVED`, `MERGED`, … (a `CLOSED` details status is reported as `RESOLVED`). */
  readonly state: string;
  /** The internal problem id (`{PID}`), the key of the exactly-once claim and of the Problems API. */
  readonly problemId: string;
  /** The display id (`{ProblemID}`), e.g. `P-22013994`. */
  readonly displayId?: string;
  readonly title?: string;
  /** `{ProblemURL}` as sent; informational only (links are built from the configured environment URL). */
  readonly problemUrl?: string;
  /** Epoch ms, when the payload carried problem details. */
  readonly startTime?: number;
  /** Deduplicated, root-cause entity first; empty when the payload named none. */
  readonly entities: readonly ImpactedEntity[];
  /** `{Tags}` split into single tags. */
  readonly tags: readonly string[];
  /** Oddities that were tolerated (an entity without id, an unparseable details block, …). */
  readonly notes: readonly string[];
}
