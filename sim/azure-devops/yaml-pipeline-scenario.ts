import { type AzureDevOpsScenario, type StageOutcome } from './azure-devops-scenario';

/** One run of {@link yamlPipelineScenario}. */
export interface YamlRunSpec {
  readonly id: number;
  readonly productionResult: StageOutcome;
  /** Default: `succeeded`. A Staging result other than success skips Production. */
  readonly stagingResult?: StageOutcome;
  /** Default: one day per run before `now`. */
  readonly queuedOn?: number;
  readonly sourceVersion?: string;
}

/** Options of {@link yamlPipelineScenario}. */
export interface YamlPipelineScenarioOptions {
  readonly runs: readonly YamlRunSpec[];
  readonly now?: number;
  readonly project?: string;
  readonly pipelineId?: number;
  readonly pipelineName?: string;
}

/** Names and ids shared by the YAML scenario and the tests and demos that use it. */
export const yamlPipelineDefaults = {
  project: 'Fabrikam Fiber',
  pipelineId: 7,
  pipelineName: 'SampleNodeJsService-CD',
  stagingEnvironmentId: 1,
  productionEnvironmentId: 2,
} as const;

const day = 24 * 60 * 60_000;

/**
 * A YAML pipeline "SampleNodeJsService-CD" with deployment stages Staging and Production (targeting the
 * pipeline environments of the same names) and the given runs, one per day up to `now`.
 */
export function yamlPipelineScenario(options: YamlPipelineScenarioOptions): AzureDevOpsScenario {
  const now = options.now ?? Date.now();
  const count = options.runs.length;
  return {
    projects: [
      {
        name: options.project ?? yamlPipelineDefaults.project,
        environments: [
          { id: yamlPipelineDefaults.stagingEnvironmentId, name: 'Staging' },
          { id: yamlPipelineDefaults.productionEnvironmentId, name: 'Production' },
        ],
        pipelines: [
          {
            id: options.pipelineId ?? yamlPipelineDefaults.pipelineId,
            name: options.pipelineName ?? yamlPipelineDefaults.pipelineName,
            stages: [
              { name: 'Staging', displayName: 'Deploy to Staging', environment: 'Staging' },
              { name: 'Production', displayName: 'Deploy to Production', environment: 'Production' },
            ],
            runs: options.runs.map((spec, index) => {
              const staging = spec.stagingResult ?? 'succeeded';
              const stagingPassed = staging === 'succeeded' || staging === 'succeededWithIssues';
              const stages: Record<string, StageOutcome> = stagingPassed
                ? { Staging: staging, Production: spec.productionResult }
                : { Staging: staging };
              return {
                id: spec.id,
                queuedOn: spec.queuedOn ?? now - (count - index) * day,
                ...(spec.sourceVersion === undefined ? {} : { sourceVersion: spec.sourceVersion }),
                stages,
              };
            }),
          },
        ],
      },
    ],
  };
}
