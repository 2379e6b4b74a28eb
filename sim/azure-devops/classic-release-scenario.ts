import {
  type AzureDevOpsScenario,
  type DeploymentAttemptSeed,
  type VariableSeed,
} from './azure-devops-scenario';

/** How the Production stage of a seeded release ended (or where it stands). */
export type ClassicStageStatus = 'succeeded' | 'failed' | 'partiallySucceeded' | 'inProgress' | 'notStarted';

/** One release of {@link classicReleaseScenario}. */
export interface ClassicReleaseSpec {
  readonly id: number;
  readonly productionStatus: ClassicStageStatus;
  /** Default: `succeeded` whenever Production was attempted, else `notStarted`. */
  readonly stagingStatus?: ClassicStageStatus;
  /** Default: one day per release before `now`, the last release 1 day before `now`. */
  readonly createdOn?: number;
  readonly variables?: Readonly<Record<string, VariableSeed>>;
}

/** Options of {@link classicReleaseScenario}. */
export interface ClassicReleaseScenarioOptions {
  readonly releases: readonly ClassicReleaseSpec[];
  /** The reference time the history ends before; default `Date.now()`. */
  readonly now?: number;
  readonly project?: string;
  readonly definitionId?: number;
  readonly definitionName?: string;
  /** Definition environment ids of Staging and Production; default 1 and 2. */
  readonly stagingStageId?: number;
  readonly productionStageId?: number;
}

/** Names shared by the classic scenario and the tests and demos that use it. */
export const classicReleaseDefaults = {
  project: 'Fabrikam Fiber',
  definitionId: 1,
  definitionName: 'SampleNodeJsService-CD',
  stagingStageId: 1,
  productionStageId: 2,
} as const;

const minutes = 60_000;
const day = 24 * 60 * minutes;

/**
 * A classic release definition "SampleNodeJsService-CD" with stages Staging and Production and the
 * given releases, each deployed to Staging 10 minutes and to Production 1 hour after it was created
 * (for example the issue-5 history: Production succeeded for 1, 2 and 4, failed for 3, and 5 is the
 * current, bad one).
 */
export function classicReleaseScenario(options: ClassicReleaseScenarioOptions): AzureDevOpsScenario {
  const now = options.now ?? Date.now();
  const count = options.releases.length;
  return {
    projects: [
      {
        name: options.project ?? classicReleaseDefaults.project,
        releaseDefinitions: [
          {
            id: options.definitionId ?? classicReleaseDefaults.definitionId,
            name: options.definitionName ?? classicReleaseDefaults.definitionName,
            stages: [
              { id: options.stagingStageId ?? classicReleaseDefaults.stagingStageId, name: 'Staging' },
              {
                id: options.productionStageId ?? classicReleaseDefaults.productionStageId,
                name: 'Production',
              },
            ],
            releases: options.releases.map((spec, index) => {
              const createdOn = spec.createdOn ?? now - (count - index) * day;
              const stagingStatus =
                spec.stagingStatus ?? (spec.productionStatus === 'notStarted' ? 'notStarted' : 'succeeded');
              return {
                id: spec.id,
                createdOn,
                ...(spec.variables === undefined ? {} : { variables: spec.variables }),
                deployments: {
                  Staging: attempts(stagingStatus, createdOn + 10 * minutes),
                  Production: attempts(spec.productionStatus, createdOn + 60 * minutes),
                },
              };
            }),
          },
        ],
      },
    ],
  };
}

function attempts(status: ClassicStageStatus, queuedOn: number): DeploymentAttemptSeed[] {
  return status === 'notStarted'
    ? []
    : [{ outcome: status, queuedOn, startedOn: queuedOn + minutes, reason: 'automated' }];
}
