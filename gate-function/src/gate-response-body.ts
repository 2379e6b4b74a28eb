import { type EvaluationResult } from '../../lib/monspec';
import { type EvaluationContext } from './evaluation-record';
import { type RequestIssue } from './gate-request-error';

/**
 * The 200 answer: the explained verdict (status `pass`, `warning` or `fail`, summary, totalViolations, one
 * result per perfsignature entry, the two windows) plus the evaluation id and the verdict as Markdown.
 * The quality-gate task's success expression reads `root['status']`.
 */
export interface GateVerdictBody extends EvaluationResult {
  readonly evaluationId: string;
  /** The verdict rendered as a Markdown table, for logs and comments. */
  readonly markdown: string;
  /** Monspec warnings (unknown keys and the like), as `path: message`. */
  readonly warnings: readonly string[];
  readonly context: EvaluationContext;
  /**
   * The build-validation report of this service and comparison with this evaluation highlighted, when the
   * evaluation was recorded. It carries no function key: add `&code=<key>` to open it.
   */
  readonly reportUrl?: string;
}

/** Any other answer: 400/413/415 for a bad request, 500 for misconfiguration, 502 for Dynatrace, 504 for the deadline. */
export interface GateErrorBody {
  readonly status: 'error';
  readonly evaluationId: string;
  readonly error: {
    /** Says what was expected, what was found and where; starts with `path:` when there is one. */
    readonly message: string;
    /** The request field or monspec JSON path at fault, e.g. `comparison` or `monspec.SampleJSonService.etype`. */
    readonly path?: string;
    /** Every problem, when there are several. */
    readonly issues?: readonly RequestIssue[];
  };
}
