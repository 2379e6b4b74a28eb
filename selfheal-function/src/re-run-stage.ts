import { AzureDevOpsError, type Build, type TimelineRecord } from '../../lib/azure-devops';
import { type YamlRunDeployment } from '../../lib/deployment-event/deployment-event-properties';
import {
  deploymentKey,
  describeDeployment,
  judgeRunCandidate,
  reportEscalation,
  reportStageReRun,
  runWebUrl,
  type RemediationReport,
} from '../../lib/remediation';
import { type ActionContext } from './action-context';
import { actionFailure } from './action-failure';

/** Earlier runs whose timeline is read at most; each costs a request. */
const MAX_RUNS_EXAMINED = 30;

/**
 * Rolls a YAML stage back by re-running it in the most recent earlier run where it succeeded: checks that
 * the run the event names exists in that pipeline, walks the pipeline's completed runs newest first (on the
 * bad run's branch when known), reads each candidate's timeline for the stage's latest attempt, and re-runs
 * the first good one with all its jobs (`retryStage`, forceRetryAllJobs). Re-running redeploys exactly that
 * run's artifacts, unlike queueing a new run at its commit, which would rebuild them. No pipeline variable
 * can be set on a re-run, so the re-run is recorded in the state table for loop protection instead.
 */
export async function reRunStage(
  context: ActionContext,
  deployment: YamlRunDeployment,
  collectionUrl: string,
): Promise<RemediationReport> {
  const { deps, problem } = context;
  const connection = deps.azureDevOps(collectionUrl);
  const { project } = deployment;
  const bad = describeDeployment(deployment);

  let run: Build;
  try {
    run = await connection.getBuild(project, deployment.runId);
  } catch (error) {
    if (error instanceof AzureDevOpsError && error.kind === 'not-found') {
      return mismatch(context, `Azure DevOps does not know ${bad}: ${error.message}`);
    }
    throw actionFailure(error, `reading ${bad} from Azure DevOps`, false);
  }
  if (run.definitionId !== deployment.pipelineId) {
    return mismatch(
      context,
      `The deployment event names run ${deployment.runId} of pipeline ${deployment.pipelineId}, but in Azure DevOps ` +
        `run ${run.id} belongs to pipeline ${run.definitionId}.`,
    );
  }
  // Both links are built the same way (from the allowed organization URL), so they look alike.
  const runUrl = runWebUrl(collectionUrl, project, run.id);

  let target: { run: Build; stage: TimelineRecord } | undefined;
  let examined = 0;
  try {
    for await (const candidate of connection.iterateBuilds({
      project,
      definitionId: deployment.pipelineId,
      statusFilter: 'completed',
      queryOrder: 'queueTimeDescending',
      pageSize: deps.settings.searchPageSize,
      ...(deployment.sourceBranch === undefined ? {} : { branchName: deployment.sourceBranch }),
    })) {
      if (candidate.id >= deployment.runId) continue;
      if (examined >= MAX_RUNS_EXAMINED) break;
      examined += 1;
      const timeline = await connection.getTimeline(project, candidate.id);
      const stage = findStage(timeline.records, deployment.stageName);
      const verdict = judgeRunCandidate(
        deployment,
        {
          runId: candidate.id,
          runName: candidate.buildNumber,
          pipelineId: candidate.definitionId,
          ...(candidate.sourceBranch === undefined ? {} : { sourceBranch: candidate.sourceBranch }),
          ...(stage === undefined
            ? {}
            : {
                stage: {
                  ...(stage.identifier === undefined ? {} : { identifier: stage.identifier }),
                  ...(stage.state === undefined ? {} : { state: stage.state }),
                  ...(stage.result === undefined ? {} : { result: stage.result }),
                },
              }),
        },
        { acceptPartialSuccess: deps.settings.acceptPartialSuccess },
      );
      if (verdict.accept && stage !== undefined) {
        target = { run: candidate, stage };
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof AzureDevOpsError && error.kind === 'paging-limit')) {
      throw actionFailure(error, 'searching for the previous good run', false);
    }
  }
  if (target === undefined) {
    return reportEscalation({
      problem,
      reason: 'no-previous-good-deployment',
      message:
        `No run before run ${run.buildNumber} of ${run.definitionName}` +
        `${deployment.sourceBranch === undefined ? '' : ` on ${deployment.sourceBranch}`} has a successful stage ` +
        `${deployment.stageName} (${examined} ${examined === 1 ? 'run' : 'runs'} examined), so there is nothing to roll back to.`,
      culprits: [context.culprit],
      links: [{ label: `run ${run.buildNumber} (not rolled back)`, url: runUrl }],
    });
  }

  const { run: good, stage } = target;
  const stageRefName = stage.identifier ?? deployment.stageName;
  const description = `re-run stage ${stageRefName} of run ${good.buildNumber}`;
  await context.beforeChange(description);
  // Recorded before the request, so that even a crash right after it leaves the loop protection in place.
  await deps.store.recordTriggeredDeployment({
    deploymentKey: deploymentKey({
      ...deployment,
      runId: good.id,
      runName: good.buildNumber,
      stageName: stageRefName,
      stageAttempt: stage.attempt + 1,
    }),
    problemId: problem.problemId,
    displayId: problem.displayId,
    attempt: stage.attempt + 1,
    triggeredAt: deps.now(),
    description,
  });
  try {
    await connection.retryStage({ project, buildId: good.id, stageRefName, forceRetryAllJobs: true });
  } catch (error) {
    throw actionFailure(error, `re-running stage ${stageRefName} of run ${good.buildNumber}`, true);
  }
  context.log.info(`${problem.displayId}: ${description} (stage attempt ${stage.attempt + 1})`);

  return reportStageReRun({
    problem,
    problemStart: context.problemStart,
    culprit: context.culprit,
    deployment: {
      ...deployment,
      pipelineName: deployment.pipelineName ?? run.definitionName,
      runName: deployment.runName ?? run.buildNumber,
    },
    culpritUrl: runUrl,
    target: {
      runName: good.buildNumber,
      runId: good.id,
      url: runWebUrl(collectionUrl, project, good.id),
    },
  });
}

/** The stage's record: by its YAML name (`identifier`), else by display name, case-insensitively. */
function findStage(records: readonly TimelineRecord[], stageName: string): TimelineRecord | undefined {
  const wanted = stageName.toLowerCase();
  const stages = records.filter((record) => record.type === 'Stage');
  return (
    stages.find((record) => record.identifier?.toLowerCase() === wanted) ??
    stages.find((record) => record.name.toLowerCase() === wanted)
  );
}

function mismatch(context: ActionContext, message: string): RemediationReport {
  return reportEscalation({
    problem: context.problem,
    reason: 'deployment-mismatch',
    message: `${message} Nothing was rolled back.`,
    culprits: [context.culprit],
  });
}
