import { invalidParameter, notFound } from '../api-error';
import { parseEntitySelector } from '../entity-selector';
import { ENTITY_FIELDS, type EntityField, entityView } from '../entity-views';
import { type SortOrder, decodePageKey, encodePageKey, sortKeyFrom, takePage } from '../paging';
import {
  assertOnlyPageKey,
  integerParameter,
  optionalParameter,
  requiredParameter,
  timeframeParameters,
} from '../query-parameters';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { type ScenarioEntity } from '../scenario';
import { parseSelectorParameter } from '../selector-parameter';

const PAGE_KIND = 'entities.v2';

/** Entities API v2 (api-facts A.9). */
export function entitiesV2Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v2/entities',
      scope: 'entities.read',
      handle: (request) => list(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v2/entities/{entityId}',
      scope: 'entities.read',
      handle: (request) => {
        const entity = context.state.entities.get(request.params.entityId ?? '');
        if (!entity) throw notFound(`Entity ${JSON.stringify(request.params.entityId)} not found.`);
        return { status: 200, body: entityView(entity, new Set(ENTITY_FIELDS), request.now) };
      },
    },
  ];
}

interface ListQuery {
  readonly entitySelector: string;
  readonly from: number;
  readonly to: number;
  readonly fields: string | undefined;
  readonly pageSize: number;
}

function list(context: RouteContext, request: SimRequest): SimResponse {
  const pageKey = optionalParameter(request.query, 'nextPageKey');
  let query: ListQuery;
  let after: readonly (string | number)[] | undefined;
  if (pageKey !== undefined) {
    assertOnlyPageKey(request.query);
    const state = decodePageKey(PAGE_KIND, pageKey) as { query?: ListQuery; after?: unknown };
    if (!state.query) throw invalidParameter('nextPageKey', 'is not a valid page key (it holds no query)');
    query = state.query;
    after = sortKeyFrom(state.after);
  } else {
    query = {
      entitySelector: requiredParameter(request.query, 'entitySelector'),
      ...timeframeParameters(request.query, request.now, { from: 'now-3d', to: 'now' }),
      fields: optionalParameter(request.query, 'fields'),
      pageSize: integerParameter(request.query, 'pageSize', { min: 1, max: 500, fallback: 50 }),
    };
  }
  const selector = parseSelectorParameter(parseEntitySelector, query.entitySelector, 'entitySelector');
  const { fields, propertyKeys } = entityFields(query.fields);
  const all = context.state.entities.list();
  const position = new Map(all.map((entity, index) => [entity.id, index]));
  const order: SortOrder<ScenarioEntity> = {
    key: (entity) => [position.get(entity.id) ?? 0],
    descending: [false],
  };
  const matching = context.state.entities
    .select(selector)
    .filter((entity) => (entity.firstSeenTms ?? Number.NEGATIVE_INFINITY) <= query.to);
  const page = takePage(matching, order, query.pageSize, after);
  return {
    status: 200,
    body: {
      totalCount: matching.length,
      pageSize: query.pageSize,
      nextPageKey: page.continueAfter ? encodePageKey(PAGE_KIND, { query, after: page.continueAfter }) : null,
      entities: page.items.map((entity) => entityView(entity, fields, request.now, propertyKeys)),
    },
  };
}

/** `fields=+tags,+lastSeenTms,+properties` (or `+properties.<key>` for single properties). */
function entityFields(text: string | undefined): {
  fields: Set<EntityField>;
  propertyKeys: Set<string> | undefined;
} {
  const fields = new Set<EntityField>();
  let propertyKeys: Set<string> | undefined;
  let allProperties = false;
  for (const raw of (text ?? '').split(',')) {
    const name = raw.trim().replace(/^\+/, '');
    if (name === '') continue;
    if (name.startsWith('properties.')) {
      fields.add('properties');
      propertyKeys ??= new Set();
      propertyKeys.add(name.slice('properties.'.length));
      continue;
    }
    const field = ENTITY_FIELDS.find((candidate) => candidate === name);
    if (!field) {
      throw invalidParameter(
        'fields',
        `unknown field ${JSON.stringify(name)}; allowed: ${ENTITY_FIELDS.map((f) => `+${f}`).join(', ')}, +properties.<key>`,
      );
    }
    if (field === 'properties') allProperties = true;
    fields.add(field);
  }
  return { fields, propertyKeys: allProperties ? undefined : propertyKeys };
}
