import { DeploymentEventProperty, EVENT_SOURCE } from '../deployment-event/deployment-event-properties';
import { checkRemediationLink } from './check-remediation-link';
import { matchAllowedCollection } from './collection-key';
import { describeDeployment } from './deployment-key';
import { type EntityFinding } from './find-entity-culprit';
import { groupCulprits, type CulpritGroup } from './group-culprits';
import { type RemediationDecision } from './remediation-decision';

/** The settings the decision depends on. */
export interface RemediationPolicy {
  /** Organization URLs the Azure DevOps token may be used with. */
  readonly allowedCollections: readonly string[];
  /** Hosts remediation action links may point to (see `checkRemediationLink`). */
  readonly allowedRemediationHosts: readonly string[];
  /** The URL the notification arrived at, to recognise remediation links back to this function. */
  readonly selfUrl?: string;
}

/** A deployment this function triggered earlier, as recorded in its state table. */
export interface TriggeredDeploymentFact {
  readonly problemId: string;
  readonly displayId?: string;
  /** The attempt the triggered deployment got; unknown attempts count as "this one". */
  readonly attempt?: number;
}

/** Everything the decision is made from; the edge gathers it, nothing here does I/O. */
export interface RemediationInput {
  /** One finding per impacted entity. */
  readonly findings: readonly EntityFinding[];
  readonly policy: RemediationPolicy;
  /** Deployments this function triggered, by deployment key (the culprits' keys are enough). */
  readonly triggeredDeployments: ReadonlyMap<string, TriggeredDeploymentFact>;
}

/**
 * Decides what to do about an open problem from what was found on its entities:
 * 1. no deployment of ours anywhere → nothing to do;
 * 2. more than one deployment of ours → escalate (rolling back the wrong one is worse than asking);
 * 3. the deployment is itself a rollback — its event carries the rollback marker, or this function
 *    recorded triggering it (the only way to recognise re-run YAML stages) → escalate, never cascade;
 * 4. the event names a remediation action elsewhere than this function → call it if its host is allowed,
 *    else escalate;
 * 5. the event does not identify a release or run → escalate;
 * 6. the organization is not allowed → escalate (the token is never sent there);
 * 7. otherwise roll back: classic release → redeploy, YAML run → re-run the stage.
 */
export function decideRemediation(input: RemediationInput): RemediationDecision {
  const culprits = groupCulprits(input.findings);
  const [culprit, ...others] = culprits;
  if (culprit === undefined) {
    return { kind: 'nothing-to-do', message: describeNothingFound(input.findings), findings: input.findings };
  }
  if (others.length > 0) {
    return {
      kind: 'escalate',
      reason: 'conflicting-culprits',
      message:
        `The impacted entities point to ${culprits.length} different deployments of ours: ` +
        `${culprits.map(describeGroup).join('; ')}. It is not clear which one caused the problem, so none was rolled back.`,
      culprits,
    };
  }
  const { parsed } = culprit;
  const what =
    parsed.deployment === undefined
      ? `deployment event ${culprit.event.eventId}`
      : describeDeployment(parsed.deployment);
  if (parsed.isRollback) {
    return {
      kind: 'escalate',
      reason: 'culprit-is-rollback',
      message:
        `The most recent deployment of ours, ${what}, is itself a rollback` +
        `${parsed.rollbackOfProblem === undefined ? '' : ` made for problem ${parsed.rollbackOfProblem}`} ` +
        `(its event carries ${DeploymentEventProperty.rollback}). Rolling back a rollback could cascade, so nothing was done.`,
      culprits,
    };
  }
  const triggered = input.triggeredDeployments.get(culprit.key);
  if (parsed.deployment !== undefined && triggered !== undefined) {
    const eventAttempt =
      parsed.deployment.kind === 'classic-release'
        ? parsed.deployment.attempt
        : parsed.deployment.stageAttempt;
    if (triggered.attempt === undefined || eventAttempt === undefined || eventAttempt >= triggered.attempt) {
      return {
        kind: 'escalate',
        reason: 'culprit-is-rollback',
        message:
          `The most recent deployment of ours, ${what}, was started by this function to remediate problem ` +
          `${triggered.displayId ?? triggered.problemId}. Rolling back a rollback could cascade, so nothing was done.`,
        culprits,
      };
    }
  }
  if (parsed.remediationActionLink !== undefined) {
    const link = checkRemediationLink(
      parsed.remediationActionLink,
      input.policy.allowedRemediationHosts,
      input.policy.selfUrl,
    );
    if (link.kind === 'allowed') return { kind: 'call-remediation-action', culprit, url: link.url };
    if (link.kind === 'rejected') {
      return {
        kind: 'escalate',
        reason: 'remediation-link-not-allowed',
        message: `The deployment event of ${what} names a remediation action, but ${link.reason}. Nothing was called.`,
        culprits,
      };
    }
  }
  const deployment = parsed.deployment;
  if (deployment === undefined) {
    return {
      kind: 'escalate',
      reason: 'incomplete-deployment-identity',
      message:
        `The most recent deployment event of ours (${culprit.event.eventId}) does not identify an Azure DevOps ` +
        `release or run: ${parsed.problems.join('; ') || 'its Azure DevOps properties are missing'}.`,
      culprits,
    };
  }
  const collectionUrl = matchAllowedCollection(deployment.collectionUri, input.policy.allowedCollections);
  if (collectionUrl === undefined) {
    return {
      kind: 'escalate',
      reason: 'collection-not-allowed',
      message:
        `${what} belongs to the Azure DevOps organization ${deployment.collectionUri}, which is not an allowed ` +
        `organization (AZURE_DEVOPS_ORGANIZATIONS); the Azure DevOps token is only sent to allowed organizations.`,
      culprits,
    };
  }
  return deployment.kind === 'classic-release'
    ? { kind: 'roll-back-release', culprit, deployment, collectionUrl }
    : { kind: 're-run-stage', culprit, deployment, collectionUrl };
}

function describeGroup(group: CulpritGroup): string {
  const what =
    group.parsed.deployment === undefined
      ? `event ${group.event.eventId}`
      : describeDeployment(group.parsed.deployment);
  return `${what} (on ${group.entities.map((entity) => entity.name ?? entity.id).join(', ')})`;
}

function describeNothingFound(findings: readonly EntityFinding[]): string {
  if (findings.length === 0) {
    return 'The problem names no impacted entities, so there is no deployment of ours to roll back.';
  }
  return (
    `No deployment by ${EVENT_SOURCE} was found on the ${findings.length === 1 ? 'impacted entity' : `${findings.length} impacted entities`}, ` +
    'so this problem was not caused by a deployment of ours that could be rolled back.'
  );
}
