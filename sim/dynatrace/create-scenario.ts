import { type Scenario, type ScenarioDefinition } from './scenario';
import { WorkloadModel } from './workload-model';

/**
 * Checks a scenario definition and attaches its sample function. Throws a `RangeError` that names the
 * offending entry when entity ids repeat, a workload or seeded item refers to an unknown entity, or a
 * workload profile is out of range.
 */
export function createScenario(definition: ScenarioDefinition): Scenario {
  const ids = new Set<string>();
  definition.entities.forEach((entity, index) => {
    if (ids.has(entity.id)) {
      throw new RangeError(
        `entities[${index}].id: ${JSON.stringify(entity.id)} is used by an earlier entity`,
      );
    }
    ids.add(entity.id);
  });
  const requireEntity = (entityId: string, where: string): void => {
    if (!ids.has(entityId)) {
      throw new RangeError(
        `${where}: entity ${JSON.stringify(entityId)} is not defined in scenario.entities`,
      );
    }
  };
  for (const entityId of Object.keys(definition.workloads ?? {})) {
    requireEntity(entityId, `workloads[${JSON.stringify(entityId)}]`);
  }
  definition.events?.forEach((event, index) => requireEntity(event.entityId, `events[${index}].entityId`));
  definition.problems?.forEach((problem, index) =>
    problem.entityIds.forEach((entityId, position) =>
      requireEntity(entityId, `problems[${index}].entityIds[${position}]`),
    ),
  );
  // Building a model validates every phase and every catalogued build profile up front.
  const workload = new WorkloadModel(definition.workloads);
  for (const [environment, builds] of Object.entries(definition.builds ?? {})) {
    const probe = new WorkloadModel();
    for (const [build, profile] of Object.entries(builds)) {
      probe.addPhase('probe', { from: 0, profile: { ...profile, build } }, `builds.${environment}.${build}`);
    }
  }
  return { ...definition, sampleAt: (entityId, minuteStartMs) => workload.sampleAt(entityId, minuteStartMs) };
}
