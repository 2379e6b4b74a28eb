import { buildEntitySelector, type EntityType, type MonspecEnvironment } from '../../../lib/monspec';

/** The entities an event is sent to. */
export type EventTarget =
  | {
      readonly kind: 'environment';
      /** Tags or entity ids of a monspec environment, or the tags input in the same model. */
      readonly entityType: EntityType;
      readonly environment: MonspecEnvironment;
      /** Where the environment came from, for messages: the input, or the monspec file and names. */
      readonly origin: string;
      /** The input to blame when the environment cannot be expressed in a request. */
      readonly input: string;
    }
  | {
      readonly kind: 'selector';
      readonly entitySelector: string;
      readonly origin: string;
      readonly input: string;
    };

/**
 * The entity selector of the target. For tags and monspec environments it is built by the monspec core's
 * `buildEntitySelector`, so the event reaches exactly the entities the quality gate measures.
 */
export function entitySelectorOf(target: EventTarget): string {
  return target.kind === 'selector'
    ? target.entitySelector
    : buildEntitySelector(target.entityType, target.environment);
}
