import { type AzureDevOpsSimulator } from '../../sim/azure-devops';
import { type DynatraceSimulator, SAMPLE_APP_ENTITY_IDS } from '../../sim/dynatrace';
import { type ProblemOutcome } from './demo-summary';
import { formatDemoTime } from './narrator';

/** What the simulators hold at the end of the demo, as the checks need it. */
export interface DemoState {
  readonly problems: readonly ProblemOutcome[];
  /** Release id → the release-environment id of its Production stage. */
  readonly productionStageIds: ReadonlyMap<number, number>;
  /** The build Production serves last (both Production services always switch together). */
  readonly finalProductionBuild: string | undefined;
}

/**
 * Reads the end state from the simulators: every problem with its comments (oldest first), the Production
 * stage of every release, and the build Production serves. `reasons` says why detection opened each problem.
 */
export function readDemoState(
  dynatrace: DynatraceSimulator,
  ado: AzureDevOpsSimulator,
  reasons: ReadonlyMap<string, readonly string[]>,
): DemoState {
  const state = dynatrace.state;
  return {
    problems: state.problems.list().map((problem) => ({
      problemId: problem.problemId,
      displayId: problem.displayId,
      title: problem.title,
      severityLevel: problem.severityLevel,
      impactedEntities: problem.impactedEntityIds.map((id) => state.entities.get(id)?.displayName ?? id),
      reasons: [...(reasons.get(problem.problemId) ?? [])],
      openedAt: formatDemoTime(problem.startTime),
      status: problem.status,
      ...(problem.status === 'CLOSED' ? { closedAt: formatDemoTime(problem.endTime) } : {}),
      comments: [...state.commentsOf(problem.problemId)].reverse().map((comment) => comment.content),
    })),
    productionStageIds: new Map(
      ado.state.releases.releases.flatMap((release) => {
        const stage = release.environments.find((environment) => environment.name === 'Production');
        return stage === undefined ? [] : [[release.id, stage.id] as const];
      }),
    ),
    finalProductionBuild: state.workloadOf(SAMPLE_APP_ENTITY_IDS.productionEast.service).at(-1)?.profile
      .build,
  };
}
