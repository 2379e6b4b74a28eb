import { projectNotFound } from './ado-service-error';
import { type AzureDevOpsScenario, type ProjectSeed } from './azure-devops-scenario';
import { PipelineStore } from './pipeline-store';
import { ReleaseStore } from './release-store';
import { stableGuid } from './stable-guid';

/** A team project. */
export interface ProjectRecord {
  readonly id: string;
  readonly name: string;
}

/**
 * The mutable model behind the simulator: projects, classic releases (definitions, releases, stages,
 * deployment attempts) and YAML pipelines (runs, stage attempts, environment deployment records).
 * Tests and demos seed it through a scenario, read it to assert what the API did, and play the agent
 * with `releases.startDeployment` / `releases.completeDeployment` and `pipelines.completeStage`.
 */
export class AzureDevOpsState {
  readonly releases: ReleaseStore;
  readonly pipelines: PipelineStore;
  private readonly projectsById = new Map<string, ProjectRecord>();

  constructor(now: () => number) {
    this.releases = new ReleaseStore(now);
    this.pipelines = new PipelineStore(now);
  }

  /** Every project, in insertion order. */
  get projects(): readonly ProjectRecord[] {
    return [...this.projectsById.values()];
  }

  /** Seeds every project of a scenario. */
  load(scenario: AzureDevOpsScenario): void {
    for (const project of scenario.projects) this.addProject(project);
  }

  /** Adds a project with its environments, release definitions and pipelines. */
  addProject(seed: ProjectSeed): ProjectRecord {
    const project: ProjectRecord = { id: seed.id ?? stableGuid('project', seed.name), name: seed.name };
    if (this.project(project.id) !== undefined || this.project(project.name) !== undefined) {
      throw new Error(`project "${seed.name}" is seeded twice`);
    }
    this.projectsById.set(project.id, project);
    for (const environment of seed.environments ?? []) this.pipelines.addEnvironment(project.id, environment);
    for (const definition of seed.releaseDefinitions ?? [])
      this.releases.addDefinition(project.id, definition);
    for (const pipeline of seed.pipelines ?? []) this.pipelines.addPipeline(project.id, pipeline);
    return project;
  }

  /** A project by id or by name (case-insensitive), as the service resolves the `{project}` route value. */
  project(idOrName: string): ProjectRecord | undefined {
    const lower = idOrName.toLowerCase();
    return this.projects.find(
      (project) => project.id.toLowerCase() === lower || project.name.toLowerCase() === lower,
    );
  }

  /** Like {@link project}, but a missing project is the service's TF200016 404. */
  requireProject(idOrName: string): ProjectRecord {
    const project = this.project(idOrName);
    if (project === undefined) throw projectNotFound(idOrName);
    return project;
  }
}
