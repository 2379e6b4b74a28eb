import { type HttpResponseInit } from '@azure/functions';
import { type RemediationReport } from '../../lib/remediation';
import { type ProblemRecord } from '../../lib/store';
import { type CommentResult } from './post-problem-comment';

/** The `status` of every answer of `POST /api/selfheal`. */
export type SelfHealStatus =
  /** This notification's attempt ended with this outcome. */
  | 'remediated'
  | 'nothing-to-do'
  | 'escalated'
  | 'failed'
  /** Another notification handled (or is handling) the problem; `recorded` says how. */
  | 'already-handled'
  /** A test notification or a state other than OPEN. */
  | 'ignored'
  | 'unauthorized'
  | 'invalid-payload'
  | 'payload-too-large'
  | 'storage-unavailable'
  | 'claim-lost'
  | 'misconfigured'
  | 'error';

/** A stored outcome as answers show it (times as ISO 8601). */
export interface RecordedOutcome {
  readonly state: ProblemRecord['state'];
  readonly attempt: number;
  readonly claimedAt: string;
  readonly completedAt?: string;
  readonly retryable: boolean;
  readonly summary?: string;
  /** What the attempt was doing, for an attempt still in progress. */
  readonly action?: string;
  readonly report?: Readonly<Record<string, unknown>>;
}

/** The JSON body of every answer. */
export interface SelfHealAnswerBody {
  readonly status: SelfHealStatus;
  /** One or two sentences for the person reading Dynatrace's integration log. */
  readonly message: string;
  readonly problem?: { readonly problemId: string; readonly displayId?: string; readonly title?: string };
  readonly attempt?: number;
  readonly report?: RemediationReport;
  readonly recorded?: RecordedOutcome;
  readonly comment?: CommentResult;
  readonly error?: { readonly message: string; readonly path?: string };
}

/** An answer before it becomes an HTTP response. */
export interface SelfHealAnswer {
  readonly httpStatus: number;
  readonly body: SelfHealAnswerBody;
}

/** Shows a stored record in an answer. */
export function toRecordedOutcome(record: ProblemRecord): RecordedOutcome {
  return {
    state: record.state,
    attempt: record.attempt,
    claimedAt: new Date(record.claimedAt).toISOString(),
    ...(record.completedAt === undefined ? {} : { completedAt: new Date(record.completedAt).toISOString() }),
    retryable: record.retryable,
    ...(record.summary === undefined ? {} : { summary: record.summary }),
    ...(record.action === undefined ? {} : { action: record.action }),
    ...(record.details === undefined ? {} : { report: record.details }),
  };
}

/**
 * The HTTP response for an answer. The body passes through the redactor as a last line of defence: no
 * configured secret can leave in an answer even if an upstream message carried one.
 */
export function toHttpResponse(
  answer: SelfHealAnswer,
  redactValue: (value: unknown) => unknown,
): HttpResponseInit {
  return {
    status: answer.httpStatus,
    jsonBody: redactValue(answer.body),
    headers: { 'Cache-Control': 'no-store' },
  };
}
