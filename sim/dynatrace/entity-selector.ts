import { type EntityTag } from './scenario';
import {
  type Criterion,
  SelectorSyntaxError,
  parseCriteria,
  singleValue,
  someValues,
} from './selector-criteria';
import { type TagFilter, matchesTag, parseTagFilter } from './tag-filter';

/** What an entity selector is evaluated against. */
export interface SelectableEntity {
  readonly id: string;
  readonly type: string;
  readonly displayName: string;
  readonly tags: readonly EntityTag[];
}

/** One parsed criterion of an entity selector. */
export type EntityCriterion =
  | { readonly kind: 'type'; readonly type: string }
  | { readonly kind: 'entityId'; readonly ids: readonly string[] }
  | { readonly kind: 'tag'; readonly anyOf: readonly TagFilter[] }
  | {
      readonly kind: 'entityName';
      readonly operator: 'equals' | 'startsWith' | 'in';
      readonly values: readonly string[];
      readonly caseSensitive: boolean;
    }
  | { readonly kind: 'not'; readonly criterion: EntityCriterion };

/** A parsed entity selector: all criteria must hold. */
export interface EntitySelector {
  readonly text: string;
  readonly criteria: readonly EntityCriterion[];
}

/**
 * Parses an entity selector (api-facts A.9) — `type(X)` or `type("X")` (also `type("dt.entity.service")`),
 * `entityId("a","b")`, `tag("…","…")` (OR inside one `tag`, AND across several), `entityName.equals`,
 * `entityName.startsWith`, `entityName.in`, `caseSensitive(entityName…)` and `not(…)`. It must name exactly
 * one type or at least one entity id. Throws {@link SelectorSyntaxError} saying what is wrong.
 */
export function parseEntitySelector(text: string): EntitySelector {
  const criteria = parseCriteria(text).map((criterion) => toEntityCriterion(criterion));
  const types = criteria.filter((criterion) => criterion.kind === 'type');
  if (types.length > 1) {
    throw new SelectorSyntaxError(`only one type(…) criterion is allowed, found ${types.length}`);
  }
  if (types.length === 0 && !criteria.some((criterion) => criterion.kind === 'entityId')) {
    throw new SelectorSyntaxError('an entity selector must contain type(…) or entityId(…)');
  }
  return { text, criteria };
}

/** Whether `entity` satisfies every criterion of `selector`. */
export function matchesEntitySelector(selector: EntitySelector, entity: SelectableEntity): boolean {
  return selector.criteria.every((criterion) => matchesCriterion(criterion, entity));
}

function matchesCriterion(criterion: EntityCriterion, entity: SelectableEntity): boolean {
  switch (criterion.kind) {
    case 'type':
      return entity.type === criterion.type;
    case 'entityId':
      return criterion.ids.includes(entity.id);
    case 'tag':
      return criterion.anyOf.some((filter) => entity.tags.some((tag) => matchesTag(filter, tag)));
    case 'entityName': {
      const fold = (value: string): string => (criterion.caseSensitive ? value : value.toLowerCase());
      const name = fold(entity.displayName);
      const values = criterion.values.map(fold);
      return criterion.operator === 'startsWith'
        ? values.some((value) => name.startsWith(value))
        : values.includes(name);
    }
    case 'not':
      return !matchesCriterion(criterion.criterion, entity);
  }
}

function toEntityCriterion(criterion: Criterion, caseSensitive = false): EntityCriterion {
  switch (criterion.name) {
    case 'type':
      return { kind: 'type', type: normaliseType(singleValue(criterion)) };
    case 'entityId':
      return { kind: 'entityId', ids: someValues(criterion) };
    case 'tag':
      return { kind: 'tag', anyOf: someValues(criterion).map((value) => tagFilter(value)) };
    case 'entityName':
    case 'entityName.equals':
      return { kind: 'entityName', operator: 'equals', values: [singleValue(criterion)], caseSensitive };
    case 'entityName.startsWith':
      return { kind: 'entityName', operator: 'startsWith', values: [singleValue(criterion)], caseSensitive };
    case 'entityName.in':
      return { kind: 'entityName', operator: 'in', values: someValues(criterion), caseSensitive };
    case 'caseSensitive':
      return nested(criterion, (inner) => {
        if (!inner.name.startsWith('entityName')) {
          throw new SelectorSyntaxError(
            `caseSensitive(…) applies to entityName criteria only, found ${inner.name}`,
          );
        }
        return toEntityCriterion(inner, true);
      });
    case 'not':
      return nested(criterion, (inner) => {
        if (inner.name === 'type') throw new SelectorSyntaxError('not(…) cannot be applied to type(…)');
        return { kind: 'not', criterion: toEntityCriterion(inner) };
      });
    default:
      throw new SelectorSyntaxError(
        `unsupported criterion ${criterion.name}(…); supported: type, entityId, tag, entityName.equals, entityName.startsWith, entityName.in, caseSensitive, not`,
      );
  }
}

function nested(criterion: Criterion, convert: (inner: Criterion) => EntityCriterion): EntityCriterion {
  const [argument] = criterion.args;
  if (criterion.args.length !== 1 || argument?.kind !== 'criterion') {
    throw new SelectorSyntaxError(`${criterion.name}(…) takes exactly one criterion`);
  }
  return convert(argument.criterion);
}

function tagFilter(text: string): TagFilter {
  try {
    return parseTagFilter(text);
  } catch (error) {
    throw new SelectorSyntaxError(error instanceof Error ? error.message : String(error));
  }
}

/** `dt.entity.service` and `SERVICE` name the same type. */
function normaliseType(type: string): string {
  return type.startsWith('dt.entity.') ? type.slice('dt.entity.'.length).toUpperCase() : type;
}
