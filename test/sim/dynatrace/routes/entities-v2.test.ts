import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  SAMPLE_APP_HISTORY_MS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import { NOW, NOW_MINUTE, apiClient } from '../support/api-client';

describe('Entities API v2 routes', () => {
  let simulator: DynatraceSimulator;

  before(async () => {
    simulator = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: NOW }), now: () => NOW });
  });

  after(async () => {
    await simulator.close();
  });

  const list = (query: Record<string, string | number>) =>
    apiClient(simulator).get('/api/v2/entities', query);

  it('lists the entities a selector matches with id, type and display name', async () => {
    const answer = await list({
      entitySelector: 'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Production")',
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      totalCount: 2,
      pageSize: 50,
      nextPageKey: null,
      entities: [
        {
          entityId: SAMPLE_APP_ENTITY_IDS.productionEast.service,
          type: 'SERVICE',
          displayName: 'Production/SampleNodeJsService (east)',
        },
        {
          entityId: SAMPLE_APP_ENTITY_IDS.productionWest.service,
          type: 'SERVICE',
          displayName: 'Production/SampleNodeJsService (west)',
        },
      ],
    });
  });

  it('adds tags, lastSeenTms, firstSeenTms and properties when asked with fields', async () => {
    const answer = await list({
      entitySelector: `entityId("${SAMPLE_APP_ENTITY_IDS.staging.host}")`,
      fields: '+tags,+lastSeenTms,+firstSeenTms,+properties',
    });
    const [host] = answer.body.entities;
    assert.equal(host.lastSeenTms, NOW);
    assert.equal(host.firstSeenTms, NOW_MINUTE - SAMPLE_APP_HISTORY_MS);
    assert.deepEqual(host.properties, { osType: 'LINUX' });
    assert.deepEqual(host.tags[0], {
      context: 'CONTEXTLESS',
      key: 'DeploymentGroup',
      value: 'Staging',
      stringRepresentation: 'DeploymentGroup:Staging',
      source: 'Auto tags',
    });
  });

  it('returns single properties with +properties.<key>', async () => {
    const answer = await list({
      entitySelector: 'type(SERVICE)',
      fields: '+properties.serviceType',
      pageSize: 1,
    });
    assert.deepEqual(answer.body.entities[0].properties, { serviceType: 'WEB_REQUEST' });
  });

  it('pages with nextPageKey, which must come alone', async () => {
    const ids: string[] = [];
    let answer = await list({ entitySelector: 'type(PROCESS_GROUP_INSTANCE)', pageSize: 1, fields: '+tags' });
    ids.push(...answer.body.entities.map((entity: { entityId: string }) => entity.entityId));
    let pages = 1;
    while (answer.body.nextPageKey) {
      assert.equal((await list({ nextPageKey: answer.body.nextPageKey, fields: '+tags' })).status, 400);
      answer = await list({ nextPageKey: answer.body.nextPageKey });
      assert.ok(answer.body.entities[0].tags, 'fields carry over in the page key');
      ids.push(...answer.body.entities.map((entity: { entityId: string }) => entity.entityId));
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.deepEqual(ids, [
      SAMPLE_APP_ENTITY_IDS.staging.processGroupInstance,
      SAMPLE_APP_ENTITY_IDS.productionEast.processGroupInstance,
      SAMPLE_APP_ENTITY_IDS.productionWest.processGroupInstance,
    ]);
  });

  it('only lists entities seen before the end of the timeframe', async () => {
    const answer = await list({ entitySelector: 'type(HOST)', from: 'now-10d', to: 'now-5d' });
    assert.equal(answer.body.totalCount, 0);
  });

  for (const [query, path, message] of [
    [{}, 'entitySelector', /must not be null/],
    [
      { entitySelector: 'tag("DeploymentGroup:Staging")' },
      'entitySelector',
      /must contain type\(…\) or entityId\(…\)/,
    ],
    [
      { entitySelector: 'type(HOST),healthState("HEALTHY")' },
      'entitySelector',
      /unsupported criterion healthState/,
    ],
    [
      { entitySelector: 'type(HOST)', fields: '+fromRelationships' },
      'fields',
      /unknown field "fromRelationships"/,
    ],
    [{ entitySelector: 'type(HOST)', pageSize: 0 }, 'pageSize', /between 1 and 500/],
  ] as const) {
    it(`answers 400 naming ${path} for ${JSON.stringify(query)}`, async () => {
      const answer = await list(query);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.constraintViolations[0].path, path);
      assert.match(answer.body.error.constraintViolations[0].message, message);
    });
  }

  it('returns one entity with every field, or 404', async () => {
    const answer = await apiClient(simulator).get(
      `/api/v2/entities/${SAMPLE_APP_ENTITY_IDS.staging.service}`,
    );
    assert.deepEqual(Object.keys(answer.body).sort(), [
      'displayName',
      'entityId',
      'firstSeenTms',
      'icon',
      'lastSeenTms',
      'managementZones',
      'properties',
      'tags',
      'type',
    ]);
    assert.equal((await apiClient(simulator).get('/api/v2/entities/SERVICE-0')).status, 404);
  });
});
