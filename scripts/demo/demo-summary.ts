import { type GateVerdict } from './call-gate';

/** One deployment the simulated agent ran. */
export interface DeploymentOutcome {
  readonly releaseId: number;
  readonly releaseName: string;
  readonly stage: string;
  readonly build: string;
  /** 1 for the first deployment of the stage, 2 for a redeploy, … */
  readonly attempt: number;
  /** `pipeline`: the release moved on; `redeploy`: somebody (self-healing) asked Azure DevOps to redeploy. */
  readonly trigger: 'pipeline' | 'redeploy';
  /** Demo time, ISO 8601. */
  readonly at: string;
  /** What the push deployment event task reported (`Succeeded`, `Failed`, …; `crashed` without a result). */
  readonly taskResult: string;
  readonly taskMessage: string;
  /** How many events Dynatrace stored (one per matched entity). */
  readonly events: number;
  /**
   * Set when every stored event of the deployment is marked as a rollback (`unbreakable.rollback=true`): the
   * problem they name (`unbreakable.rollback.problem_id`), taken from the stage's rollback marker variable.
   */
  readonly rollbackOfProblem?: string;
  readonly deploymentStatus: 'succeeded' | 'failed';
}

/** One gate evaluation. */
export interface GateOutcome {
  readonly releaseId: number;
  /** e.g. `pre-deployment gate of Production`. */
  readonly gate: string;
  readonly at: string;
  readonly verdict: GateVerdict;
}

/** One of the four stories. */
export interface StoryOutcome {
  readonly number: number;
  readonly title: string;
  readonly releaseId: number;
  readonly releaseName: string;
  readonly build: string;
  readonly deployments: readonly DeploymentOutcome[];
  readonly gates: readonly GateOutcome[];
  /** In plain words, how the story ended. */
  readonly outcome: string;
}

/** A problem Dynatrace opened during the demo. */
export interface ProblemOutcome {
  readonly problemId: string;
  readonly displayId: string;
  readonly title: string;
  readonly severityLevel: string;
  readonly impactedEntities: readonly string[];
  /** Why detection opened it, per service. */
  readonly reasons: readonly string[];
  readonly openedAt: string;
  readonly status: 'OPEN' | 'CLOSED';
  readonly closedAt?: string;
  /** The comments on the problem, oldest first. */
  readonly comments: readonly string[];
}

/** One webhook call Dynatrace made, and what the self-healing function answered. */
export interface NotificationOutcome {
  readonly state: string;
  readonly displayId: string;
  readonly test: boolean;
  readonly httpStatus: number | null;
  /** The `status` of the self-healing answer, e.g. `remediated`, `ignored`. */
  readonly answer: string;
  readonly message: string;
}

/** A request that changed a deployment in Azure DevOps (`PATCH …/releases/{id}/environments/{id}`). */
export interface RedeployRequest {
  readonly releaseId: number;
  readonly releaseEnvironmentId: number;
  readonly httpStatus: number;
  readonly status: string;
  readonly comment: string;
  readonly variables: Readonly<Record<string, string>>;
}

/** One expectation of the demo and whether it held. */
export interface DemoCheck {
  readonly description: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
}

/** Everything the demo did and whether it went as the story says. */
export interface DemoSummary {
  /** Every check held and nothing failed unexpectedly. */
  readonly ok: boolean;
  /** Real time the demo started, ISO 8601. */
  readonly startedAt: string;
  readonly durationMs: number;
  /** The demo clock at the start and the end. */
  readonly demoTime: { readonly from: string; readonly to: string };
  readonly stories: readonly StoryOutcome[];
  readonly problems: readonly ProblemOutcome[];
  readonly notifications: readonly NotificationOutcome[];
  readonly redeployRequests: readonly RedeployRequest[];
  readonly checks: readonly DemoCheck[];
  /** Set when the demo stopped on an error. */
  readonly error?: string;
}
