import { deploymentKey } from './deployment-key';
import { type EntityFinding, type ObservedEvent, type OurDeploymentEvent } from './find-entity-culprit';
import { type ImpactedEntity } from './problem-notification';

/** One suspected deployment and the entities that point to it. */
export interface CulpritGroup {
  /** The deployment key, or `event <id>` for an event of ours without a usable Azure DevOps identity. */
  readonly key: string;
  /** The most recent event of the group. */
  readonly event: ObservedEvent;
  readonly parsed: OurDeploymentEvent;
  readonly entities: readonly ImpactedEntity[];
}

/**
 * Groups the entities' culprits by deployment (release stage or run stage): a deployment usually reaches
 * several services, hosts and process groups, and each of them reports the same release. Most recent
 * group first.
 */
export function groupCulprits(findings: readonly EntityFinding[]): CulpritGroup[] {
  const groups = new Map<
    string,
    { event: ObservedEvent; parsed: OurDeploymentEvent; entities: ImpactedEntity[] }
  >();
  for (const finding of findings) {
    if (finding.kind !== 'deployment') continue;
    const key =
      finding.parsed.deployment === undefined
        ? `event ${finding.event.eventId}`
        : deploymentKey(finding.parsed.deployment);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { event: finding.event, parsed: finding.parsed, entities: [finding.entity] });
      continue;
    }
    group.entities.push(finding.entity);
    if (finding.event.startTime > group.event.startTime) {
      group.event = finding.event;
      group.parsed = finding.parsed;
    }
  }
  return [...groups.entries()]
    .map(([key, group]) => ({ key, ...group }))
    .sort((a, b) => b.event.startTime - a.event.startTime || (a.key < b.key ? -1 : 1));
}
