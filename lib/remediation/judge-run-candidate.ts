import { type YamlRunDeployment } from '../deployment-event/deployment-event-properties';
import { type CandidateVerdict, type RollbackTargetPolicy } from './judge-release-candidate';

/** An earlier run of a YAML pipeline and the state of the stage in question in it. */
export interface RunStageCandidate {
  readonly runId: number;
  readonly runName: string;
  readonly pipelineId: number;
  readonly sourceBranch?: string;
  /** The stage's timeline record; absent when the run has no such stage. */
  readonly stage?: {
    /** The stage's YAML name. */
    readonly identifier?: string;
    /** `pending`, `inProgress`, `completed`. */
    readonly state?: string;
    /** `succeeded`, `succeededWithIssues`, `failed`, `canceled`, `skipped`, `abandoned`. */
    readonly result?: string;
  };
}

/**
 * Judges one earlier run for re-running its stage: same pipeline, an earlier run, built from the same
 * branch as the bad run when the event says which (a rollback should not switch branches), and the
 * stage's latest attempt completed successfully (with issues only when the policy allows it).
 */
export function judgeRunCandidate(
  culprit: YamlRunDeployment,
  candidate: RunStageCandidate,
  policy: RollbackTargetPolicy,
): CandidateVerdict {
  const run = `run ${candidate.runName} (${candidate.runId})`;
  if (candidate.pipelineId !== culprit.pipelineId) {
    return {
      accept: false,
      reason: `${run} belongs to pipeline ${candidate.pipelineId}, not ${culprit.pipelineId}`,
    };
  }
  if (candidate.runId >= culprit.runId)
    return { accept: false, reason: `${run} is not earlier than the run to roll back` };
  if (
    culprit.sourceBranch !== undefined &&
    candidate.sourceBranch !== undefined &&
    candidate.sourceBranch.toLowerCase() !== culprit.sourceBranch.toLowerCase()
  ) {
    return {
      accept: false,
      reason: `${run} was built from ${candidate.sourceBranch}, not ${culprit.sourceBranch}`,
    };
  }
  const stage = candidate.stage;
  if (stage === undefined) return { accept: false, reason: `${run} has no stage ${culprit.stageName}` };
  if (stage.state !== 'completed') {
    return {
      accept: false,
      reason: `stage ${culprit.stageName} of ${run} is ${stage.state ?? 'not started'}`,
    };
  }
  if (stage.result === 'succeeded') return { accept: true };
  if (stage.result === 'succeededWithIssues' && policy.acceptPartialSuccess) return { accept: true };
  return {
    accept: false,
    reason: `stage ${culprit.stageName} of ${run} ended ${stage.result ?? 'without a result'}`,
  };
}
