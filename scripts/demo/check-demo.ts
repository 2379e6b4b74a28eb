import { STAGING_GATE } from './demo-monspec';
import { type DemoStory } from './demo-stories';
import {
  type DemoCheck,
  type NotificationOutcome,
  type ProblemOutcome,
  type RedeployRequest,
  type StoryOutcome,
} from './demo-summary';

/** The variable the self-healing function sets on a stage it redeploys. */
const ROLLBACK_MARKER = 'UnbreakablePipeline.RollbackOfProblem';

/** What the demo observed, as the checks need it. */
export interface DemoFacts {
  readonly stories: readonly { readonly story: DemoStory; readonly outcome: StoryOutcome }[];
  readonly problems: readonly ProblemOutcome[];
  readonly notifications: readonly NotificationOutcome[];
  readonly redeployRequests: readonly RedeployRequest[];
  /** Release id → the release-environment id of its Production stage (what a redeploy targets). */
  readonly productionStageIds: ReadonlyMap<number, number>;
  /** The build Production serves when the demo ends. */
  readonly finalProductionBuild: string | undefined;
  /** The names (never the values) of secrets found in the narration, the host log or the summary. */
  readonly leakedSecrets: readonly string[];
}

/**
 * Judges the demo against its stories: every gate verdict, the early break, every deployment event, and for a
 * story that ends in a rollback — the problem, the self-healing answer, exactly one redeploy request aimed at
 * the right release's Production stage, the redeployment marked as a rollback, exactly one problem comment
 * naming both releases, and the problem closing with its RESOLVED notification ignored.
 */
export function checkDemo(facts: DemoFacts): DemoCheck[] {
  const checks: DemoCheck[] = [];
  const check = (description: string, expected: string, actual: string, ok: boolean): void => {
    checks.push({ description, expected, actual, ok });
  };

  const test = facts.notifications.filter((notification) => notification.test);
  check(
    'The test notification reaches the self-healing function, which does nothing',
    '200 ignored',
    test
      .map((notification) => `${notification.httpStatus ?? 'no answer'} ${notification.answer}`)
      .join(', ') || 'not sent',
    test.length === 1 && test[0]?.httpStatus === 200 && test[0].answer === 'ignored',
  );

  for (const { story, outcome } of facts.stories) {
    const label = `Story ${outcome.number} (${outcome.releaseName}, build ${story.build})`;
    const stagingGate = outcome.gates.find((gate) => gate.verdict.comparison === STAGING_GATE);
    check(
      `${label}: the ${STAGING_GATE} gate ${story.expected.stagingGate === 'pass' ? 'passes' : 'fails'}`,
      story.expected.stagingGate,
      stagingGate?.verdict.status ?? 'not evaluated',
      stagingGate?.verdict.status === story.expected.stagingGate,
    );
    if (story.expected.violatedMetric !== undefined) {
      const violated = (stagingGate?.verdict.results ?? [])
        .filter((result) => result.status === 'violation')
        .map((result) => `${result.metric} (${result.aggregate})`);
      check(
        `${label}: the gate names the ${story.expected.violatedMetric.toLowerCase()} as the violation`,
        `${story.expected.violatedMetric} violated`,
        violated.join(', ') || 'no violation',
        violated.some((metric) => metric.startsWith(story.expected.violatedMetric ?? '')),
      );
    }
    const ownProduction = outcome.deployments.filter(
      (deployment) => deployment.releaseId === story.releaseId && deployment.stage === 'Production',
    );
    const production = story.expected.production;
    if (production === 'not-deployed') {
      check(
        `${label}: the pipeline stops before Production`,
        'no deployment to Production',
        ownProduction.length === 0
          ? 'no deployment to Production'
          : `${ownProduction.length} deployment(s) to Production`,
        ownProduction.length === 0,
      );
    } else {
      check(
        `${label}: ${outcome.releaseName} is deployed to Production`,
        'succeeded',
        ownProduction.map((deployment) => deployment.deploymentStatus).join(', ') || 'not deployed',
        ownProduction.length === 1 && ownProduction[0]?.deploymentStatus === 'succeeded',
      );
    }
    if (production === 'live') {
      const postGate = outcome.gates.find((gate) => gate.verdict.comparison !== STAGING_GATE);
      check(
        `${label}: the post-deployment gate passes`,
        `${postGate?.verdict.comparison ?? 'post-deployment gate'} pass`,
        postGate?.verdict.status ?? 'not evaluated',
        postGate?.verdict.status === 'pass',
      );
    }
    if (typeof production === 'object')
      checks.push(...rollbackChecks(label, story, outcome, production.rolledBackTo, facts));
  }

  const deployments = facts.stories.flatMap(({ outcome }) => outcome.deployments);
  const silent = deployments.filter(
    (deployment) => deployment.taskResult !== 'Succeeded' || deployment.events === 0,
  );
  check(
    'Every deployment pushes its deployment event to Dynatrace',
    `${deployments.length} of ${deployments.length} succeeded with events`,
    silent.length === 0
      ? `${deployments.length} of ${deployments.length} succeeded with events`
      : silent
          .map(
            (deployment) =>
              `${deployment.releaseName} → ${deployment.stage}: ${deployment.taskResult}, ${deployment.events} events (${deployment.taskMessage})`,
          )
          .join('; '),
    deployments.length > 0 && silent.length === 0,
  );
  check(
    'No secret (API token, PAT, function key, shared secret) appears in the narration, the host log or the summary',
    'none',
    facts.leakedSecrets.join(', ') || 'none',
    facts.leakedSecrets.length === 0,
  );
  return checks;
}

function rollbackChecks(
  label: string,
  story: DemoStory,
  outcome: StoryOutcome,
  targetReleaseId: number,
  facts: DemoFacts,
): DemoCheck[] {
  const checks: DemoCheck[] = [];
  const check = (description: string, expected: string, actual: string, ok: boolean): void => {
    checks.push({ description, expected, actual, ok });
  };
  const opens = facts.notifications.filter(
    (notification) => !notification.test && notification.state === 'OPEN',
  );
  const problem = facts.problems.find((candidate) => candidate.displayId === opens[0]?.displayId);
  check(
    `${label}: Dynatrace opens a problem on the Production services and calls the self-healing webhook once`,
    'one OPEN notification for a problem on Production services only',
    problem === undefined
      ? `${opens.length} OPEN notifications; problems: ${facts.problems.map((candidate) => `${candidate.displayId} on ${candidate.impactedEntities.join(', ')}`).join('; ') || 'none'}`
      : `${opens.length} OPEN notification(s); ${problem.displayId} "${problem.title}" on ${problem.impactedEntities.join(', ')}`,
    opens.length === 1 &&
      problem !== undefined &&
      problem.impactedEntities.length > 0 &&
      problem.impactedEntities.every((name) => name.startsWith('Production/')),
  );
  const answer = opens[0];
  check(
    `${label}: the self-healing function remediates the problem`,
    '200 remediated',
    answer === undefined
      ? 'no notification'
      : `${answer.httpStatus ?? 'no answer'} ${answer.answer}: ${answer.message}`,
    answer?.httpStatus === 200 && answer.answer === 'remediated',
  );

  const targetStage = facts.productionStageIds.get(targetReleaseId);
  const redeploys = facts.redeployRequests;
  const first = redeploys[0];
  check(
    `${label}: exactly one rollback — one redeploy request, to Release-${targetReleaseId}'s Production stage, marked with the problem`,
    `1 PATCH …/releases/${targetReleaseId}/environments/${targetStage ?? '?'} {status: inProgress, ${ROLLBACK_MARKER}: ${problem?.displayId ?? 'the problem'}} → 200`,
    redeploys.length === 0
      ? 'no redeploy request'
      : redeploys
          .map(
            (request) =>
              `PATCH …/releases/${request.releaseId}/environments/${request.releaseEnvironmentId} {status: ${request.status}, ` +
              `${ROLLBACK_MARKER}: ${request.variables[ROLLBACK_MARKER] ?? 'unset'}} → ${request.httpStatus}`,
          )
          .join('; '),
    redeploys.length === 1 &&
      first !== undefined &&
      first.releaseId === targetReleaseId &&
      first.releaseEnvironmentId === targetStage &&
      first.status === 'inProgress' &&
      first.httpStatus === 200 &&
      problem !== undefined &&
      first.variables[ROLLBACK_MARKER] === problem.displayId,
  );
  const redeployments = outcome.deployments.filter((deployment) => deployment.trigger === 'redeploy');
  const redeployment = redeployments[0];
  check(
    `${label}: the agent redeploys Release-${targetReleaseId} to Production and its deployment event marks the rollback`,
    `Release-${targetReleaseId} → Production succeeded, event marked as rollback of ${problem?.displayId ?? 'the problem'}`,
    redeployment === undefined
      ? 'no redeployment'
      : redeployments
          .map(
            (deployment) =>
              `${deployment.releaseName} → ${deployment.stage} ${deployment.deploymentStatus}, rollback of ${deployment.rollbackOfProblem ?? 'nothing'}`,
          )
          .join('; '),
    redeployments.length === 1 &&
      redeployment !== undefined &&
      redeployment.releaseId === targetReleaseId &&
      redeployment.stage === 'Production' &&
      redeployment.deploymentStatus === 'succeeded' &&
      redeployment.events > 0 &&
      problem !== undefined &&
      redeployment.rollbackOfProblem === problem.displayId,
  );
  const culprit = `Release-${story.releaseId}`;
  const target = `Release-${targetReleaseId}`;
  const comments = problem?.comments ?? [];
  check(
    `${label}: exactly one comment on the problem, naming ${culprit} and ${target}`,
    `1 comment mentioning ${culprit} and ${target}`,
    `${comments.length} comment(s)${comments.length > 0 ? `: ${(comments[0] ?? '').split('\n')[0] ?? ''}` : ''}`,
    comments.length === 1 && (comments[0] ?? '').includes(culprit) && (comments[0] ?? '').includes(target),
  );
  const resolved = facts.notifications.filter(
    (notification) =>
      !notification.test &&
      notification.state === 'RESOLVED' &&
      notification.displayId === problem?.displayId,
  );
  check(
    `${label}: the problem closes as the metrics recover, and its RESOLVED notification changes nothing`,
    'CLOSED; RESOLVED → 200 ignored',
    `${problem?.status ?? 'no problem'}; ${resolved.map((notification) => `RESOLVED → ${notification.httpStatus ?? 'no answer'} ${notification.answer}`).join(', ') || 'no RESOLVED notification'}`,
    problem?.status === 'CLOSED' &&
      resolved.length === 1 &&
      resolved[0]?.httpStatus === 200 &&
      resolved[0].answer === 'ignored',
  );
  const expectedBuild = facts.stories.find((entry) => entry.story.releaseId === targetReleaseId)?.story.build;
  check(
    `${label}: Production serves ${target}'s build again`,
    `build ${expectedBuild ?? '?'}`,
    `build ${facts.finalProductionBuild ?? 'unknown'}`,
    expectedBuild !== undefined && facts.finalProductionBuild === expectedBuild,
  );
  return checks;
}
