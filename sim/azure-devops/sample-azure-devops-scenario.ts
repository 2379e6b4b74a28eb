import { type AzureDevOpsScenario } from './azure-devops-scenario';
import { classicReleaseScenario } from './classic-release-scenario';
import { mergeScenarios } from './merge-scenarios';
import { yamlPipelineScenario } from './yaml-pipeline-scenario';

/**
 * The simulator's default organization: project "Fabrikam Fiber" with the issue-5 release history of
 * "SampleNodeJsService-CD" (Production succeeded for releases 1, 2 and 4, failed for 3; release 5 is the
 * current one) and the same history as YAML runs 101–105 of the pipeline of the same name.
 */
export function sampleAzureDevOpsScenario(options: { readonly now?: number } = {}): AzureDevOpsScenario {
  const now = options.now ?? Date.now();
  return mergeScenarios(
    classicReleaseScenario({
      now,
      releases: [
        { id: 1, productionStatus: 'succeeded' },
        { id: 2, productionStatus: 'succeeded' },
        { id: 3, productionStatus: 'failed' },
        { id: 4, productionStatus: 'succeeded' },
        { id: 5, productionStatus: 'succeeded' },
      ],
    }),
    yamlPipelineScenario({
      now,
      runs: [
        { id: 101, productionResult: 'succeeded' },
        { id: 102, productionResult: 'succeeded' },
        { id: 103, productionResult: 'failed' },
        { id: 104, productionResult: 'succeeded' },
        { id: 105, productionResult: 'succeeded' },
      ],
    }),
  );
}
