import { type EvaluationResult } from '../../lib/monspec';
import { type AzureDevOpsContext } from './read-azure-devops-context';

/** Who asked for an evaluation. */
export interface EvaluationContext {
  /** The Azure DevOps gate, check or agentless job, from its request headers. */
  readonly azureDevOps?: AzureDevOpsContext;
  /** The request's own `context` object (JSON requests). */
  readonly request?: Readonly<Record<string, unknown>>;
}

/** What is known about one evaluation once it has a verdict. */
export interface EvaluationRecord {
  /** A UUID, also in the answer and in every log line of the evaluation. */
  readonly evaluationId: string;
  /** When the request arrived, ISO 8601 UTC. */
  readonly evaluatedAt: string;
  readonly context: EvaluationContext;
  /** `inline`, or the URL the monspec was fetched from (query string elided). */
  readonly monspecOrigin: string;
  readonly result: EvaluationResult;
  /** Dynatrace requests the evaluation made. */
  readonly dynatraceRequests: number;
}

/** What a recorder gets besides the record. */
export interface RecordingOptions {
  /** Aborted when the gate's deadline passes: the verdict must not wait for the recording any longer. */
  readonly signal: AbortSignal;
  /** Writes a warning to the invocation log (redacted), e.g. that old history could not be deleted. */
  readonly warn: (message: string) => void;
}

/**
 * Stores an evaluation's record, e.g. as history for later comparisons. The gate's only side effect:
 * Azure DevOps re-samples a gate many times, so nothing else may happen per request. A recorder that
 * fails does not change the verdict; the failure is logged.
 */
export type EvaluationRecorder = (record: EvaluationRecord, options: RecordingOptions) => Promise<void>;
