import { type ScenarioEntity, type EntityTag } from './scenario';
import { formatTag } from './tag-filter';

/** A tag as the v2 APIs return it (value left out for key-only tags). */
export interface TagView {
  readonly context: string;
  readonly key: string;
  readonly value?: string;
  readonly stringRepresentation: string;
}

/** The v2 representation of a tag. */
export function tagView(tag: EntityTag): TagView {
  return {
    context: tag.context,
    key: tag.key,
    ...(tag.value === undefined ? {} : { value: tag.value }),
    stringRepresentation: formatTag(tag),
  };
}

/** A reference to an entity as v2 payloads embed it: `{ entityId: { id, type }, name }`. */
export function entityStub(entity: { id: string; type: string; name: string }): {
  entityId: { id: string; type: string };
  name: string;
} {
  return { entityId: { id: entity.id, type: entity.type }, name: entity.name };
}

/** The optional entity fields callers can ask for with `fields=+…`. */
export const ENTITY_FIELDS = [
  'tags',
  'lastSeenTms',
  'firstSeenTms',
  'properties',
  'managementZones',
  'icon',
] as const;
export type EntityField = (typeof ENTITY_FIELDS)[number];

/**
 * The Entities API v2 representation: `entityId`, `type` and `displayName` always, the rest as requested.
 * Entities are monitored continuously, so `lastSeenTms` is now.
 */
export function entityView(
  entity: ScenarioEntity,
  fields: ReadonlySet<EntityField>,
  now: number,
  propertyKeys?: ReadonlySet<string>,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    entityId: entity.id,
    type: entity.type,
    displayName: entity.displayName,
  };
  if (fields.has('firstSeenTms')) view.firstSeenTms = entity.firstSeenTms ?? now;
  if (fields.has('lastSeenTms')) view.lastSeenTms = now;
  if (fields.has('properties')) {
    const properties = Object.entries(entity.properties ?? {}).filter(
      ([key]) => propertyKeys === undefined || propertyKeys.has(key),
    );
    view.properties = Object.fromEntries(properties);
  }
  if (fields.has('tags')) view.tags = entity.tags.map((tag) => ({ ...tagView(tag), source: 'Auto tags' }));
  if (fields.has('managementZones')) view.managementZones = [];
  if (fields.has('icon')) view.icon = { primaryIconType: entity.type.toLowerCase() };
  return view;
}
