/**
 * The state the self-healing function keeps between notifications: one claim per Dynatrace problem (so
 * a problem is remediated exactly once however often and however concurrently Dynatrace notifies), and
 * a record of every deployment the function itself triggered (so it never rolls back its own rollback).
 */

/** How handling a problem ended. `failed` outcomes marked `retryable` may be taken over by a later notification. */
export type OutcomeState = 'remediated' | 'nothing-to-do' | 'escalated' | 'failed';

/** Where a claim stands: still being worked on, or finished with an outcome. */
export type ProblemState = 'in-progress' | OutcomeState;

/**
 * What an in-progress attempt is doing. `acting` means a request that changes something (a redeploy, a
 * stage re-run, a remediation call) may have been sent; an attempt that dies there must not be repeated
 * blindly, because the change may have happened.
 */
export type ClaimPhase = 'investigating' | 'acting';

/** What to claim: the problem's internal id plus labels for people reading the table. */
export interface ClaimRequest {
  /** The notification's `{PID}`, e.g. `-6478017825120311599_1641223491837V2`. */
  readonly problemId: string;
  /** e.g. `P-22013994`. */
  readonly displayId?: string;
  readonly title?: string;
}

/** The stored state of one problem. Times are epoch milliseconds. */
export interface ProblemRecord {
  readonly problemId: string;
  readonly displayId?: string;
  readonly title?: string;
  readonly state: ProblemState;
  /** Only while `in-progress`. */
  readonly phase?: ClaimPhase;
  /** What the `acting` attempt set out to do, e.g. `redeploy Release-4 to Production`. */
  readonly action?: string;
  /** 1 for the first claim, +1 for every takeover. */
  readonly attempt: number;
  readonly claimedAt: number;
  /** Until when the current attempt owns the claim; only while `in-progress`. */
  readonly leaseExpiresAt?: number;
  readonly completedAt?: number;
  /** Only meaningful for `failed`: whether a later notification may try again. */
  readonly retryable: boolean;
  /** One sentence saying what happened. */
  readonly summary?: string;
  /** The structured outcome (what was rolled back to what, links, the error), as recorded. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Proof of owning a problem's claim; every write made with it is etag-checked. */
export interface ProblemClaim {
  readonly problemId: string;
  readonly displayId?: string;
  readonly title?: string;
  readonly attempt: number;
  readonly claimedAt: number;
  readonly etag: string;
}

/** The outcome to record for a claimed problem. */
export interface ProblemOutcome {
  readonly state: OutcomeState;
  /** Whether a later notification may try again; only `failed` outcomes can be retryable. */
  readonly retryable: boolean;
  readonly summary: string;
  /** JSON-serializable details; stored as JSON, truncated to fit a table property if necessary. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What {@link SelfHealStore.claimProblem} found. */
export type ClaimResult =
  | {
      /** This caller owns the problem now and must handle it. */
      readonly kind: 'claimed';
      readonly claim: ProblemClaim;
      /** Set on a takeover: the failed outcome or the abandoned (lease-expired) attempt taken over. */
      readonly previous?: ProblemRecord;
    }
  | {
      /** Another attempt owns a live lease; do nothing. */
      readonly kind: 'in-progress';
      readonly record: ProblemRecord;
    }
  | {
      /** The problem has a final outcome; do nothing and report it. */
      readonly kind: 'handled';
      readonly record: ProblemRecord;
    };

/** A deployment this function started (a redeploy or a stage re-run), remembered for loop protection. */
export interface TriggeredDeployment {
  /** The stable identity of the deployment, as `lib/remediation`'s `deploymentKey` builds it. */
  readonly deploymentKey: string;
  /** The problem whose remediation triggered it. */
  readonly problemId: string;
  readonly displayId?: string;
  /**
   * The attempt number the triggered deployment got, when known; deployments of the same identity with a
   * lower attempt happened before and are not rollbacks.
   */
  readonly attempt?: number;
  readonly triggeredAt: number;
  /** e.g. `redeploy Release-4 to Production`. */
  readonly description: string;
}

/** The persistence behind exactly-once remediation. Every method may throw `StoreUnavailableError`. */
export interface SelfHealStore {
  /**
   * Claims a problem with a conditional insert. When the problem is already known: a final outcome is
   * `handled`; a live attempt is `in-progress`; a retryable failure or an attempt whose lease expired is
   * taken over with an etag-checked replace, which exactly one concurrent caller wins.
   */
  claimProblem(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Marks the claim as `acting` (and renews its lease) right before a request that changes something.
   * Throws `ClaimLostError` when another attempt took the claim over: the caller must then not act.
   */
  markActing(claim: ProblemClaim, action: string): Promise<ProblemClaim>;
  /** Records the outcome; throws `ClaimLostError` when the claim is no longer this caller's. */
  recordOutcome(claim: ProblemClaim, outcome: ProblemOutcome): Promise<ProblemRecord>;
  /** The stored state of a problem, if any. */
  readProblem(problemId: string): Promise<ProblemRecord | undefined>;
  /** Remembers a deployment this function started (insert or replace). */
  recordTriggeredDeployment(deployment: TriggeredDeployment): Promise<void>;
  /** The record of a deployment this function started, if it did. */
  findTriggeredDeployment(deploymentKey: string): Promise<TriggeredDeployment | undefined>;
}
