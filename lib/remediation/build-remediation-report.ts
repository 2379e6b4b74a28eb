import {
  type ClassicReleaseDeployment,
  type YamlRunDeployment,
} from '../deployment-event/deployment-event-properties';
import { describeDeployment } from './deployment-key';
import { type EntityFinding } from './find-entity-culprit';
import { type CulpritGroup } from './group-culprits';
import { type EscalationReason } from './remediation-decision';
import { type ProblemReference, type RemediationReport, type ReportLink } from './remediation-report';
import { ROLLBACK_MARKER_VARIABLE } from '../deployment-event/deployment-event-properties';

/** What every report about a culprit needs to say why it was suspected. */
export interface CulpritContext {
  readonly problem: ProblemReference;
  /** When the problem started (epoch ms). */
  readonly problemStart: number;
  readonly culprit: CulpritGroup;
}

/** A classic release stage was redeployed at an earlier release. */
export function reportReleaseRollback(
  context: CulpritContext & {
    readonly deployment: ClassicReleaseDeployment;
    readonly culpritUrl: string;
    readonly target: { readonly releaseName: string; readonly url: string };
  },
): RemediationReport {
  const { deployment, target, problem } = context;
  const bad = deployment.releaseName ?? `release ${deployment.releaseId}`;
  const pipeline = deployment.definitionName ?? `release pipeline ${deployment.definitionId}`;
  const stage = deployment.environmentName;
  return {
    outcome: 'remediated',
    action: 'redeploy-release',
    problem,
    summary: `Rolled back stage ${stage} of ${pipeline}: redeployed ${target.releaseName} in place of ${bad}.`,
    explanation:
      `${suspicion(context, bad, stage)} ${target.releaseName} is the most recent earlier release whose ${stage} ` +
      `deployment succeeded; it was redeployed with the variable ${ROLLBACK_MARKER_VARIABLE}=${problem.displayId}, ` +
      'which marks the new deployment as a rollback so that it is never rolled back automatically.',
    culprit: describeDeployment(deployment),
    target: `${target.releaseName} of ${pipeline}, stage ${stage}`,
    links: [
      { label: `${bad} (rolled back)`, url: context.culpritUrl },
      { label: `${target.releaseName} (redeployed)`, url: target.url },
      problemLink(problem),
    ],
  };
}

/** A YAML stage was re-run at an earlier run. */
export function reportStageReRun(
  context: CulpritContext & {
    readonly deployment: YamlRunDeployment;
    readonly culpritUrl: string;
    readonly target: { readonly runName: string; readonly runId: number; readonly url: string };
  },
): RemediationReport {
  const { deployment, target, problem } = context;
  const bad = `run ${deployment.runName ?? deployment.runId}`;
  const good = `run ${target.runName}`;
  const pipeline = deployment.pipelineName ?? `pipeline ${deployment.pipelineId}`;
  const stage = deployment.stageName;
  return {
    outcome: 'remediated',
    action: 're-run-stage',
    problem,
    summary: `Rolled back stage ${stage} of ${pipeline}: re-ran it from ${good} in place of ${bad}.`,
    explanation:
      `${suspicion(context, bad, stage)} ${good} (${target.runId}) is the most recent earlier run whose ${stage} ` +
      'stage succeeded; that stage was re-run with all its jobs, redeploying the artifacts of that run. ' +
      'The re-run is recorded as a rollback so that it is never rolled back automatically.',
    culprit: describeDeployment(deployment),
    target: `${good} (${target.runId}) of ${pipeline}, stage ${stage}`,
    links: [
      { label: `${bad} (rolled back)`, url: context.culpritUrl },
      { label: `${good} (stage re-run)`, url: target.url },
      problemLink(problem),
    ],
  };
}

/** The event's remediation action was called. */
export function reportRemediationAction(
  context: CulpritContext & {
    /** The action's URL without query string. */
    readonly endpoint: string;
    readonly status: number;
  },
): RemediationReport {
  const what = culpritName(context.culprit);
  return {
    outcome: 'remediated',
    action: 'call-remediation-action',
    problem: context.problem,
    summary: `Called the remediation action of ${what}: ${context.endpoint} answered ${context.status}.`,
    explanation:
      `${suspicion(context, what)} Its deployment event names a remediation action, so the problem was sent ` +
      'there instead of rolling back; what happens next is up to that action.',
    culprit: what,
    target: context.endpoint,
    links: [problemLink(context.problem)],
  };
}

/** No deployment of ours on the problem's entities. */
export function reportNothingToDo(input: {
  readonly problem: ProblemReference;
  readonly message: string;
  readonly findings: readonly EntityFinding[];
}): RemediationReport {
  return {
    outcome: 'nothing-to-do',
    problem: input.problem,
    summary: 'Nothing rolled back: no deployment of ours was found on the impacted entities.',
    explanation: input.message,
    entities: input.findings.map((finding) => ({
      id: finding.entity.id,
      ...(finding.entity.name === undefined ? {} : { name: finding.entity.name }),
      finding: finding.kind === 'none' ? finding.reason : `deployment event ${finding.event.eventId} of ours`,
    })),
    links: [problemLink(input.problem)],
  };
}

/** The problem is handed to a person. */
export function reportEscalation(input: {
  readonly problem: ProblemReference;
  readonly reason: EscalationReason;
  readonly message: string;
  readonly culprits: readonly CulpritGroup[];
  readonly links?: readonly ReportLink[];
}): RemediationReport {
  return {
    outcome: 'escalated',
    problem: input.problem,
    reason: input.reason,
    summary: `Not remediated automatically (${input.reason.replace(/-/g, ' ')}): a person has to decide.`,
    explanation: input.message,
    culprits: input.culprits.map(culpritName),
    links: [...(input.links ?? []), problemLink(input.problem)],
  };
}

/** Remediation was attempted and failed. */
export function reportFailure(input: {
  readonly problem: ProblemReference;
  readonly retryable: boolean;
  /** What was being done, e.g. `finding the previous good release`. */
  readonly during: string;
  /** The error, already free of secrets. */
  readonly error: string;
  readonly culprit?: CulpritGroup;
}): RemediationReport {
  const error = input.error.replace(/[.\s]+$/, '');
  return {
    outcome: 'failed',
    problem: input.problem,
    retryable: input.retryable,
    summary: `Remediation failed while ${input.during}.`,
    explanation: input.retryable
      ? `${error}. Nothing was changed; the next notification for this problem will try again.`
      : `${error}. The change may or may not have been made, so it will not be repeated automatically: please check and finish it by hand.`,
    error,
    ...(input.culprit === undefined ? {} : { culprit: culpritName(input.culprit) }),
    links: [problemLink(input.problem)],
  };
}

function suspicion(context: CulpritContext, what: string, stage?: string): string {
  const entities = context.culprit.entities.map((entity) => entity.name ?? entity.id).join(', ');
  return (
    `${what} was deployed${stage === undefined ? '' : ` to ${stage}`} at ${iso(context.culprit.event.startTime)}, ` +
    `the most recent deployment of ours on ${entities} before problem ${context.problem.displayId} started at ` +
    `${iso(context.problemStart)}.`
  );
}

function culpritName(group: CulpritGroup): string {
  return group.parsed.deployment === undefined
    ? `the deployment of deployment event ${group.event.eventId}`
    : describeDeployment(group.parsed.deployment);
}

function problemLink(problem: ProblemReference): ReportLink {
  return { label: `Problem ${problem.displayId}`, url: problem.url };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
