import { formatTag } from './format-tag';
import { type EntityType, type MonspecEnvironment } from './monspec';

/**
 * Builds the Dynatrace entity selector of an environment, e.g.
 * `type(SERVICE),tag("DeploymentGroup:Staging")` or `type(SERVICE),entityId("SERVICE-1","SERVICE-2")`.
 * Each tag becomes its own `tag("…")` criterion because criteria are AND-ed while values inside one
 * `tag(…)` are OR-ed, and an environment's entities must carry all of its tags.
 */
export function buildEntitySelector(etype: EntityType, environment: MonspecEnvironment): string {
  const { match } = environment;
  const criteria =
    match.kind === 'entities'
      ? [`entityId(${match.entities.map(quoteSelectorValue).join(',')})`]
      : match.tags.map((tag) => `tag(${quoteSelectorValue(formatTag(tag, { escapeKey: true }))})`);
  return [`type(${etype})`, ...criteria].join(',');
}

/** Quotes a selector value; inside the quotes `~` and `"` are escaped with `~`. */
export function quoteSelectorValue(value: string): string {
  return `"${value.replace(/[~"]/g, (char) => `~${char}`)}"`;
}
