import { type ClassicReleaseDeployment } from '../deployment-event/deployment-event-properties';

/** A deployment of a release stage as the Deployments API lists it (latest attempt of each release). */
export interface ReleaseDeploymentCandidate {
  readonly releaseId: number;
  readonly releaseName: string;
  readonly definitionId: number;
  readonly definitionEnvironmentId: number;
  readonly releaseEnvironmentId: number;
  /** `succeeded`, `partiallySucceeded`, `failed`, `inProgress`, `notDeployed`, … */
  readonly deploymentStatus: string;
}

/** What counts as a good deployment to go back to. */
export interface RollbackTargetPolicy {
  /**
   * Whether a stage that ended `partiallySucceeded` (classic) or `succeededWithIssues` (YAML) is good
   * enough. Default in the settings: no — some of its tasks failed, so it may not be a working version.
   */
  readonly acceptPartialSuccess: boolean;
}

/** Whether a candidate is the deployment to go back to, and if not, why. */
export type CandidateVerdict =
  { readonly accept: true } | { readonly accept: false; readonly reason: string };

/**
 * Judges one candidate for the rollback of a classic release stage: it must be the same stage of the same
 * release definition, an earlier release (release ids grow with creation), and its latest deployment of
 * that stage must have succeeded (or partially succeeded, when the policy allows it). Candidates are fed
 * newest first; the first accepted one is the target.
 */
export function judgeReleaseCandidate(
  culprit: ClassicReleaseDeployment,
  candidate: ReleaseDeploymentCandidate,
  policy: RollbackTargetPolicy,
): CandidateVerdict {
  if (
    candidate.definitionId !== culprit.definitionId ||
    candidate.definitionEnvironmentId !== culprit.definitionEnvironmentId
  ) {
    return {
      accept: false,
      reason: `${candidate.releaseName} is a deployment of definition ${candidate.definitionId} stage ${candidate.definitionEnvironmentId}, not of definition ${culprit.definitionId} stage ${culprit.definitionEnvironmentId}`,
    };
  }
  if (candidate.releaseId >= culprit.releaseId) {
    return { accept: false, reason: `${candidate.releaseName} is not earlier than the release to roll back` };
  }
  if (candidate.deploymentStatus === 'succeeded') return { accept: true };
  if (candidate.deploymentStatus === 'partiallySucceeded' && policy.acceptPartialSuccess)
    return { accept: true };
  return {
    accept: false,
    reason: `the latest deployment of ${candidate.releaseName} to ${culprit.environmentName} is ${candidate.deploymentStatus}`,
  };
}
