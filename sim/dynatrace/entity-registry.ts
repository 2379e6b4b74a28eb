import { type EntitySelector, matchesEntitySelector } from './entity-selector';
import { type EntityTag, type ScenarioEntity } from './scenario';

/** The monitored entities of the simulated environment; tags can change at runtime (auto-tagging). */
export class EntityRegistry {
  private readonly entities = new Map<string, ScenarioEntity>();

  constructor(entities: readonly ScenarioEntity[] = []) {
    for (const entity of entities) this.add(entity);
  }

  /** All entities in the order they were added. */
  list(): readonly ScenarioEntity[] {
    return [...this.entities.values()];
  }

  get(entityId: string): ScenarioEntity | undefined {
    return this.entities.get(entityId);
  }

  /** The entities an entity selector matches, in registry order. */
  select(selector: EntitySelector): ScenarioEntity[] {
    return this.list().filter((entity) => matchesEntitySelector(selector, entity));
  }

  /** Adds a new entity; its id must not exist yet. */
  add(entity: ScenarioEntity): ScenarioEntity {
    if (this.entities.has(entity.id)) {
      throw new RangeError(`entity ${JSON.stringify(entity.id)} already exists`);
    }
    const stored = { ...entity, tags: [...entity.tags] };
    this.entities.set(entity.id, stored);
    return stored;
  }

  /** Replaces all tags of an entity. */
  setTags(entityId: string, tags: readonly EntityTag[]): ScenarioEntity {
    const updated = { ...this.require(entityId), tags: dedupe(tags) };
    this.entities.set(entityId, updated);
    return updated;
  }

  /** Adds tags an entity does not have yet, as when an auto-tagging rule starts to apply. */
  addTags(entityId: string, tags: readonly EntityTag[]): ScenarioEntity {
    return this.setTags(entityId, [...this.require(entityId).tags, ...tags]);
  }

  private require(entityId: string): ScenarioEntity {
    const entity = this.entities.get(entityId);
    if (!entity) throw new RangeError(`entity ${JSON.stringify(entityId)} does not exist`);
    return entity;
  }
}

function dedupe(tags: readonly EntityTag[]): EntityTag[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const identity = JSON.stringify([tag.context.toUpperCase(), tag.key, tag.value ?? null]);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
