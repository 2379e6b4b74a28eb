import { AzureDevOpsError, type Deployment, type Release } from '../../lib/azure-devops';
import { type ClassicReleaseDeployment } from '../../lib/deployment-event/deployment-event-properties';
import {
  deploymentKey,
  describeDeployment,
  judgeReleaseCandidate,
  releaseWebUrl,
  reportEscalation,
  reportReleaseRollback,
  ROLLBACK_MARKER_VARIABLE,
  type RemediationReport,
} from '../../lib/remediation';
import { type ActionContext } from './action-context';
import { actionFailure } from './action-failure';

/** Azure DevOps shows deployment comments in a narrow column; long titles are cut. */
const MAX_TITLE_IN_COMMENT = 120;

/**
 * Rolls a classic release stage back: checks with Azure DevOps that the release and stage the event names
 * exist as described, finds the most recent earlier release whose latest deployment of the same stage
 * (definition environment) succeeded — paging through the Deployments API (latest attempts only, status
 * succeeded, newest first) and stopping at the first match — and redeploys that release's stage with a
 * comment and the rollback marker variable.
 * Only the redeploy changes anything; it is sent once.
 */
export async function rollBackRelease(
  context: ActionContext,
  deployment: ClassicReleaseDeployment,
  collectionUrl: string,
): Promise<RemediationReport> {
  const { deps, problem } = context;
  const connection = deps.azureDevOps(collectionUrl);
  const { project } = deployment;
  const bad = describeDeployment(deployment);

  let release: Release;
  try {
    release = await connection.getRelease(project, deployment.releaseId);
  } catch (error) {
    if (error instanceof AzureDevOpsError && error.kind === 'not-found') {
      return mismatch(context, `Azure DevOps does not know ${bad}: ${error.message}`);
    }
    throw actionFailure(error, `reading ${bad} from Azure DevOps`, false);
  }
  const stage = release.environments.find(
    (environment) => environment.id === deployment.releaseEnvironmentId,
  );
  if (
    release.definitionId !== deployment.definitionId ||
    stage?.definitionEnvironmentId !== deployment.definitionEnvironmentId
  ) {
    return mismatch(
      context,
      `The deployment event names release ${deployment.releaseId} of definition ${deployment.definitionId}, stage ` +
        `${deployment.releaseEnvironmentId} (definition stage ${deployment.definitionEnvironmentId}), but in Azure DevOps ` +
        `release ${release.id} belongs to definition ${release.definitionId} and ` +
        (stage === undefined
          ? `has no stage ${deployment.releaseEnvironmentId}.`
          : `its stage ${stage.id} is definition stage ${stage.definitionEnvironmentId}.`),
    );
  }

  let target: Deployment | undefined;
  let examined = 0;
  try {
    for await (const candidate of connection.iterateDeploymentsOfStage({
      project,
      definitionId: deployment.definitionId,
      definitionEnvironmentId: deployment.definitionEnvironmentId,
      latestAttemptsOnly: true,
      // The service filters for success unless partial successes count too (one status per query),
      // in which case every latest attempt is listed and the judge decides.
      ...(deps.settings.acceptPartialSuccess ? {} : { deploymentStatus: 'succeeded' as const }),
      queryOrder: 'descending',
      pageSize: deps.settings.searchPageSize,
    })) {
      examined += 1;
      const verdict = judgeReleaseCandidate(deployment, candidate, {
        acceptPartialSuccess: deps.settings.acceptPartialSuccess,
      });
      if (verdict.accept) {
        target = candidate;
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof AzureDevOpsError && error.kind === 'paging-limit')) {
      throw actionFailure(error, 'searching for the previous good release', false);
    }
  }
  if (target === undefined) {
    return reportEscalation({
      problem,
      reason: 'no-previous-good-deployment',
      message:
        `No release before ${deployment.releaseName ?? `release ${deployment.releaseId}`} has a successful latest ` +
        `deployment to stage ${stage.name} of ${release.definitionName} (${examined} ${examined === 1 ? 'deployment' : 'deployments'} examined), so there is ` +
        'nothing to roll back to.',
      culprits: [context.culprit],
      links: [
        {
          label: `${release.name} (not rolled back)`,
          url: releaseWebUrl(collectionUrl, project, release.id),
        },
      ],
    });
  }

  const description = `redeploy ${target.releaseName} to ${stage.name}`;
  const targetKey = deploymentKey({
    ...deployment,
    releaseId: target.releaseId,
    releaseName: target.releaseName,
    releaseEnvironmentId: target.releaseEnvironmentId,
  });
  await context.beforeChange(description);
  // Recorded before the request, so that even a crash right after it leaves the loop protection in place.
  await deps.store.recordTriggeredDeployment({
    deploymentKey: targetKey,
    problemId: problem.problemId,
    displayId: problem.displayId,
    triggeredAt: deps.now(),
    description,
  });
  const title = (problem.title ?? '').slice(0, MAX_TITLE_IN_COMMENT);
  let redeployed;
  try {
    redeployed = await connection.redeployReleaseEnvironment({
      project,
      releaseId: target.releaseId,
      releaseEnvironmentId: target.releaseEnvironmentId,
      comment:
        `Rollback by Unbreakable Pipeline self-healing: Dynatrace problem ${problem.displayId}` +
        `${title === '' ? '' : ` (${title})`} started after ${release.name} was deployed to ${stage.name}; ` +
        `redeploying ${target.releaseName}, the last release that succeeded there.`,
      variables: { [ROLLBACK_MARKER_VARIABLE]: { value: problem.displayId } },
    });
  } catch (error) {
    throw actionFailure(error, `redeploying ${target.releaseName} to ${stage.name}`, true);
  }
  const attempt = redeployed.deploySteps.at(-1)?.attempt;
  if (attempt !== undefined) {
    try {
      await deps.store.recordTriggeredDeployment({
        deploymentKey: targetKey,
        problemId: problem.problemId,
        displayId: problem.displayId,
        attempt,
        triggeredAt: deps.now(),
        description,
      });
    } catch (error) {
      // The record without an attempt is still there and protects even more broadly.
      context.log.warn(
        `could not add the attempt number to the record of "${description}": ${String(error)}`,
      );
    }
  }
  context.log.info(`${problem.displayId}: ${description} (deployment attempt ${attempt ?? 'unknown'})`);

  return reportReleaseRollback({
    problem,
    problemStart: context.problemStart,
    culprit: context.culprit,
    deployment: {
      ...deployment,
      definitionName: deployment.definitionName ?? release.definitionName,
      releaseName: release.name,
    },
    // Both links are built the same way (from the allowed organization URL), so they look alike.
    culpritUrl: releaseWebUrl(collectionUrl, project, release.id),
    target: { releaseName: target.releaseName, url: releaseWebUrl(collectionUrl, project, target.releaseId) },
  });
}

function mismatch(context: ActionContext, message: string): RemediationReport {
  return reportEscalation({
    problem: context.problem,
    reason: 'deployment-mismatch',
    message: `${message} Nothing was rolled back.`,
    culprits: [context.culprit],
  });
}
