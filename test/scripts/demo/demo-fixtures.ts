import { type DemoFacts } from '../../../scripts/demo/check-demo';
import { type GateVerdict } from '../../../scripts/demo/call-gate';
import { DEMO_STORIES } from '../../../scripts/demo/demo-stories';
import {
  type DeploymentOutcome,
  type GateOutcome,
  type StoryOutcome,
} from '../../../scripts/demo/demo-summary';

/** A verdict as the gate answers it, with one result per metric (the first violated when it fails). */
export function verdict(comparison: string, status: GateVerdict['status']): GateVerdict {
  return {
    comparison,
    status,
    summary: `${status}: ${status === 'fail' ? 1 : 0} of 2 metrics violated`,
    totalViolations: status === 'fail' ? 1 : 0,
    evaluationId: `evaluation-${comparison}`,
    markdown: `## ${status.toUpperCase()}: SampleJSonService / ${comparison}\n\n| Status | Metric |\n|---|---|\n| x | y |`,
    source: { environment: 'Staging', from: '2026-01-15T11:55:00.000Z', to: '2026-01-15T12:00:00.000Z' },
    compare: { environment: 'Production', from: '2026-01-15T11:55:00.000Z', to: '2026-01-15T12:00:00.000Z' },
    results: [
      {
        metric: 'Failure rate',
        aggregate: 'avg',
        status: status === 'fail' ? 'violation' : 'pass',
        reason: status === 'fail' ? '50 % > threshold 1.15 %' : '0 % ≤ threshold 1.15 %',
      },
      { metric: 'Response time', aggregate: 'avg', status: 'pass', reason: '90 ms ≤ threshold 115 ms' },
    ],
  };
}

function gate(releaseId: number, comparison: string, status: GateVerdict['status']): GateOutcome {
  return {
    releaseId,
    gate: comparison === 'StagingToProduction' ? 'pre' : 'post',
    at: '2026-01-15T12:00:00Z',
    verdict: verdict(comparison, status),
  };
}

function deployment(
  releaseId: number,
  stage: string,
  extra: Partial<DeploymentOutcome> = {},
): DeploymentOutcome {
  return {
    releaseId,
    releaseName: `Release-${releaseId}`,
    stage,
    build: String(releaseId),
    attempt: 1,
    trigger: 'pipeline',
    at: '2026-01-15T12:00:00Z',
    taskResult: 'Succeeded',
    taskMessage: 'Dynatrace stored the event',
    events: stage === 'Staging' ? 1 : 2,
    deploymentStatus: 'succeeded',
    ...extra,
  };
}

/** The outcomes of the four stories when everything goes as told. */
export function goodStories(): StoryOutcome[] {
  const story = (
    releaseId: number,
    deployments: DeploymentOutcome[],
    gates: GateOutcome[],
    outcome: string,
  ): StoryOutcome => ({
    number: releaseId,
    title: DEMO_STORIES[releaseId - 1]?.title ?? '',
    releaseId,
    releaseName: `Release-${releaseId}`,
    build: String(releaseId),
    deployments,
    gates,
    outcome,
  });
  return [
    story(
      1,
      [deployment(1, 'Staging'), deployment(1, 'Production')],
      [gate(1, 'StagingToProduction', 'pass'), gate(1, 'ProductionToProductionLastHour', 'pass')],
      'live',
    ),
    story(2, [deployment(2, 'Staging')], [gate(2, 'StagingToProduction', 'fail')], 'early break'),
    story(
      3,
      [deployment(3, 'Staging'), deployment(3, 'Production')],
      [gate(3, 'StagingToProduction', 'pass'), gate(3, 'ProductionToProductionLastHour', 'pass')],
      'live',
    ),
    story(
      4,
      [
        deployment(4, 'Staging'),
        deployment(4, 'Production'),
        deployment(3, 'Production', {
          trigger: 'redeploy',
          attempt: 2,
          build: '3',
          rollbackOfProblem: 'P-240002',
        }),
      ],
      [gate(4, 'StagingToProduction', 'pass')],
      'rolled back',
    ),
  ];
}

/** What the demo observes when everything goes as told. */
export function goodFacts(): DemoFacts {
  const stories = goodStories();
  return {
    stories: stories.map((outcome, index) => ({ story: DEMO_STORIES[index]!, outcome })),
    problems: [
      {
        problemId: '-1_1V2',
        displayId: 'P-240001',
        title: 'Failure rate increase',
        severityLevel: 'ERROR',
        impactedEntities: ['Staging/SampleNodeJsService'],
        reasons: ['Staging/SampleNodeJsService: failure rate 50.0 % > 5 %'],
        openedAt: '2026-01-15T12:10:00Z',
        status: 'CLOSED',
        closedAt: '2026-01-15T12:20:00Z',
        comments: [],
      },
      {
        problemId: '-2_2V2',
        displayId: 'P-240002',
        title: 'Failure rate increase',
        severityLevel: 'ERROR',
        impactedEntities: ['Production/SampleNodeJsService (east)', 'Production/SampleNodeJsService (west)'],
        reasons: ['Production/SampleNodeJsService (east): failure rate 10.0 % > 5 %'],
        openedAt: '2026-01-15T12:40:00Z',
        status: 'CLOSED',
        closedAt: '2026-01-15T12:44:00Z',
        comments: ['Remediated: redeployed Release-3 in place of Release-4 | with a pipe'],
      },
    ],
    notifications: [
      { state: 'OPEN', displayId: '999', test: true, httpStatus: 200, answer: 'ignored', message: 'test' },
      {
        state: 'OPEN',
        displayId: 'P-240002',
        test: false,
        httpStatus: 200,
        answer: 'remediated',
        message: 'Rolled back',
      },
      {
        state: 'RESOLVED',
        displayId: 'P-240002',
        test: false,
        httpStatus: 200,
        answer: 'ignored',
        message: 'Nothing was done.',
      },
    ],
    redeployRequests: [
      {
        releaseId: 3,
        releaseEnvironmentId: 6,
        httpStatus: 200,
        status: 'inProgress',
        comment: 'Rollback by Unbreakable Pipeline self-healing',
        variables: { 'UnbreakablePipeline.RollbackOfProblem': 'P-240002' },
      },
    ],
    productionStageIds: new Map([
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8],
    ]),
    finalProductionBuild: '3',
    leakedSecrets: [],
  };
}
