import { type EscalationReason } from './remediation-decision';

/** The problem a report is about. */
export interface ProblemReference {
  /** The internal id (`{PID}`). */
  readonly problemId: string;
  /** e.g. `P-22013994`; the internal id when Dynatrace did not say. */
  readonly displayId: string;
  readonly title?: string;
  /** The problem's page in Dynatrace. */
  readonly url: string;
}

/** A labelled link, e.g. `Release-4 (redeployed)`. */
export interface ReportLink {
  readonly label: string;
  readonly url: string;
}

/** What one impacted entity contributed to a "nothing to do". */
export interface EntityReport {
  readonly id: string;
  readonly name?: string;
  readonly finding: string;
}

/** What was done to remediate. */
export type RemediationAction = 'redeploy-release' | 're-run-stage' | 'call-remediation-action';

interface ReportBase {
  readonly problem: ProblemReference;
  /** One sentence: what happened. */
  readonly summary: string;
  /** Why, with the facts it rests on. */
  readonly explanation: string;
  readonly links: readonly ReportLink[];
}

/**
 * The outcome of handling one problem, in the shape it is recorded in the state table, returned in the
 * HTTP answer and rendered into the problem comment. Plain JSON data.
 */
export type RemediationReport =
  | (ReportBase & {
      readonly outcome: 'remediated';
      readonly action: RemediationAction;
      /** The deployment that was undone (or remediated). */
      readonly culprit: string;
      /** What was deployed or called instead. */
      readonly target: string;
    })
  | (ReportBase & { readonly outcome: 'nothing-to-do'; readonly entities: readonly EntityReport[] })
  | (ReportBase & {
      readonly outcome: 'escalated';
      readonly reason: EscalationReason;
      readonly culprits: readonly string[];
    })
  | (ReportBase & {
      readonly outcome: 'failed';
      /** Whether the next notification for the problem tries again. */
      readonly retryable: boolean;
      readonly error: string;
      readonly culprit?: string;
    });
