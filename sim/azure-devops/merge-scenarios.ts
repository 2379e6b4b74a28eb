import { type AzureDevOpsScenario, type ProjectSeed } from './azure-devops-scenario';

/**
 * Combines scenarios into one organization; projects with the same name are merged (their release
 * definitions, pipelines and environments concatenated), so a classic and a YAML scenario can share a
 * project.
 */
export function mergeScenarios(...scenarios: readonly AzureDevOpsScenario[]): AzureDevOpsScenario {
  const byName = new Map<string, ProjectSeed>();
  for (const project of scenarios.flatMap((scenario) => scenario.projects)) {
    const known = byName.get(project.name);
    if (
      known !== undefined &&
      project.id !== undefined &&
      known.id !== undefined &&
      known.id !== project.id
    ) {
      throw new Error(
        `project "${project.name}" is seeded with two different ids (${known.id}, ${project.id})`,
      );
    }
    byName.set(
      project.name,
      known === undefined
        ? project
        : {
            name: project.name,
            ...((known.id ?? project.id) === undefined ? {} : { id: known.id ?? project.id }),
            releaseDefinitions: [...(known.releaseDefinitions ?? []), ...(project.releaseDefinitions ?? [])],
            pipelines: [...(known.pipelines ?? []), ...(project.pipelines ?? [])],
            environments: [...(known.environments ?? []), ...(project.environments ?? [])],
          },
    );
  }
  return { projects: [...byName.values()] };
}
