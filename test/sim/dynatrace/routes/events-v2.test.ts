import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import { MINUTE, NOW, apiClient } from '../support/api-client';

const HOUR = 60 * MINUTE;
const STAGING_SERVICE = SAMPLE_APP_ENTITY_IDS.staging.service;
const STAGING_SELECTOR = 'type(SERVICE),tag("DeploymentGroup:Staging")';

const deployment = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'CUSTOM_DEPLOYMENT',
  title: 'SampleNodeJsService 2',
  entitySelector: 'type(SERVICE),tag("app:SampleNodeJsService")',
  properties: {
    'dt.event.deployment.name': 'SampleNodeJsService 2',
    'dt.event.deployment.version': '2',
    'dt.event.is_rootcause_relevant': true,
    'ado.release.id': 42,
  },
  ...overrides,
});

describe('Events API v2 routes', () => {
  let clock = NOW;
  let simulator: DynatraceSimulator;

  beforeEach(async () => {
    clock = NOW;
    simulator = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW }),
      now: () => clock,
    });
  });

  afterEach(async () => {
    await simulator.close();
  });

  const ingest = (body: unknown) => apiClient(simulator).post('/api/v2/events/ingest', body);
  const list = (query: Record<string, string | number> = {}) =>
    apiClient(simulator).get('/api/v2/events', query);

  describe('POST /api/v2/events/ingest', () => {
    it('stores one event per matched entity and answers 201 with one result each', async () => {
      const answer = await ingest(deployment());
      assert.equal(answer.status, 201);
      assert.equal(answer.body.reportCount, 3);
      for (const result of answer.body.eventIngestResults) {
        assert.match(result.correlationId, /^[0-9a-f]{16}$/);
        assert.equal(result.status, 'OK');
      }
      const stored = simulator.state.events.list();
      assert.deepEqual(
        stored.map((event) => event.entity.id),
        [
          SAMPLE_APP_ENTITY_IDS.staging.service,
          SAMPLE_APP_ENTITY_IDS.productionEast.service,
          SAMPLE_APP_ENTITY_IDS.productionWest.service,
        ],
      );
      assert.deepEqual(
        stored.map((event) => event.correlationId),
        answer.body.eventIngestResults.map((result: { correlationId: string }) => result.correlationId),
      );
    });

    it('stores property values as strings and defaults the times from the clock and timeout', async () => {
      await ingest(deployment({ entitySelector: STAGING_SELECTOR, timeout: 30 }));
      const listed = await list();
      const [event] = listed.body.events;
      assert.deepEqual(event.properties, [
        { key: 'dt.event.deployment.name', value: 'SampleNodeJsService 2' },
        { key: 'dt.event.deployment.version', value: '2' },
        { key: 'dt.event.is_rootcause_relevant', value: 'true' },
        { key: 'ado.release.id', value: '42' },
      ]);
      assert.equal(event.startTime, NOW);
      assert.equal(event.endTime, NOW + 30 * MINUTE);
      assert.match(event.eventId, new RegExp(`^-?\\d+_${NOW}$`));
    });

    it('attaches an event without entity selector to the environment', async () => {
      await ingest({ eventType: 'CUSTOM_INFO', title: 'Maintenance window' });
      const [event] = (await list()).body.events;
      assert.deepEqual(event.entityId, {
        entityId: { id: 'environment', type: 'ENVIRONMENT' },
        name: 'Environment',
      });
      assert.deepEqual(event.entityTags, []);
    });

    it('answers reportCount 0 when the selector matches nothing', async () => {
      const answer = await ingest(deployment({ entitySelector: 'type(SERVICE),tag("DeploymentGroup:QA")' }));
      assert.deepEqual(answer.body, { reportCount: 0, eventIngestResults: [] });
    });

    it('reports INVALID_METADATA and stores nothing for too many or too long properties', async () => {
      const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`k${index}`, 'v']));
      for (const properties of [tooMany, { ['k'.repeat(101)]: 'v' }, { k: 'v'.repeat(4097) }]) {
        const answer = await ingest(deployment({ entitySelector: STAGING_SELECTOR, properties }));
        assert.equal(answer.status, 201);
        assert.deepEqual(
          answer.body.eventIngestResults.map((result: { status: string }) => result.status),
          ['INVALID_METADATA'],
        );
      }
      assert.equal(simulator.state.events.list().length, 0);
    });

    for (const [name, body] of [
      ['a deployment more than 30 days ago', { startTime: NOW - 31 * 24 * HOUR }],
      ['a deployment more than 7 days ahead', { startTime: NOW + 8 * 24 * HOUR }],
      [
        'a problem-opening event more than 6 hours ago',
        { eventType: 'ERROR_EVENT', startTime: NOW - 7 * HOUR },
      ],
      [
        'a problem-opening event more than 5 minutes ahead',
        { eventType: 'ERROR_EVENT', startTime: NOW + 6 * MINUTE },
      ],
      ['an end before the start', { startTime: NOW, endTime: NOW - 1 }],
    ] as const) {
      it(`reports INVALID_TIMESTAMPS for ${name}`, async () => {
        const answer = await ingest(deployment({ entitySelector: STAGING_SELECTOR, ...body }));
        assert.equal(answer.body.eventIngestResults[0].status, 'INVALID_TIMESTAMPS');
      });
    }

    it('accepts info events 29 days back and problem-opening events 5 hours back', async () => {
      const info = await ingest(
        deployment({ entitySelector: STAGING_SELECTOR, startTime: NOW - 29 * 24 * HOUR }),
      );
      const problem = await ingest(
        deployment({ entitySelector: STAGING_SELECTOR, eventType: 'ERROR_EVENT', startTime: NOW - 5 * HOUR }),
      );
      assert.equal(info.body.eventIngestResults[0].status, 'OK');
      assert.equal(problem.body.eventIngestResults[0].status, 'OK');
    });

    it('answers 400 "Constraints violated." listing every invalid field', async () => {
      const answer = await ingest({
        eventType: 'DEPLOYMENT',
        title: '',
        startTime: 'yesterday',
        timeout: 0,
        properties: { nested: { a: 1 } },
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.message, 'Constraints violated.');
      assert.deepEqual(
        answer.body.error.constraintViolations.map(
          (violation: { path: string; parameterLocation: string }) => [
            violation.path,
            violation.parameterLocation,
          ],
        ),
        [
          ['eventType', 'PAYLOAD_BODY'],
          ['title', 'PAYLOAD_BODY'],
          ['startTime', 'PAYLOAD_BODY'],
          ['timeout', 'PAYLOAD_BODY'],
          ['properties.nested', 'PAYLOAD_BODY'],
        ],
      );
      assert.match(
        answer.body.error.constraintViolations[0].message,
        /must be any of \[AVAILABILITY_EVENT, .*WARNING\], found "DEPLOYMENT"/,
      );
    });

    it('answers 400 naming entitySelector for a malformed selector, and for a body that is not an object', async () => {
      const malformed = await ingest(deployment({ entitySelector: 'type(SERVICE' }));
      assert.equal(malformed.body.error.constraintViolations[0].path, 'entitySelector');
      assert.equal(malformed.body.error.constraintViolations[0].parameterLocation, 'PAYLOAD_BODY');
      assert.equal(
        (await ingest(deployment({ entitySelector: 7 }))).body.error.constraintViolations[0].path,
        'entitySelector',
      );
      assert.equal((await ingest([1, 2])).status, 400);
      assert.equal(
        (await ingest(deployment({ properties: 'x' }))).body.error.constraintViolations[0].path,
        'properties',
      );
    });
  });

  describe('GET /api/v2/events', () => {
    async function ingestMany(count: number): Promise<void> {
      for (let index = 0; index < count; index += 1) {
        clock = NOW - (count - index) * MINUTE;
        await ingest(deployment({ entitySelector: STAGING_SELECTOR, title: `deploy ${index}` }));
      }
      clock = NOW;
    }

    it('lists newest first across three or more pages, sending only nextPageKey after the first', async () => {
      await ingestMany(7);
      const titles: string[] = [];
      let answer = await list({ pageSize: 3 });
      assert.equal(answer.body.totalCount, 7);
      assert.equal(answer.body.pageSize, 3);
      let pages = 1;
      titles.push(...answer.body.events.map((event: { title: string }) => event.title));
      while (answer.body.nextPageKey) {
        answer = await list({ nextPageKey: answer.body.nextPageKey });
        assert.equal(answer.status, 200);
        titles.push(...answer.body.events.map((event: { title: string }) => event.title));
        pages += 1;
      }
      assert.equal(pages, 3);
      assert.deepEqual(titles, [
        'deploy 6',
        'deploy 5',
        'deploy 4',
        'deploy 3',
        'deploy 2',
        'deploy 1',
        'deploy 0',
      ]);
      assert.equal(answer.body.nextPageKey, null);
    });

    it('keeps paging stable when new events arrive between pages', async () => {
      await ingestMany(4);
      const first = await list({ pageSize: 2 });
      await ingest(deployment({ entitySelector: STAGING_SELECTOR, title: 'newer' }));
      const second = await list({ nextPageKey: first.body.nextPageKey });
      assert.deepEqual(
        second.body.events.map((event: { title: string }) => event.title),
        ['deploy 1', 'deploy 0'],
      );
    });

    it('answers 400 when nextPageKey comes with other parameters or is not a page key', async () => {
      await ingestMany(3);
      const first = await list({ pageSize: 1 });
      const mixed = await list({ nextPageKey: first.body.nextPageKey, pageSize: 1 });
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.error.constraintViolations[0].path, 'nextPageKey');
      assert.match(
        mixed.body.error.constraintViolations[0].message,
        /all other query parameters must be omitted.*found pageSize/,
      );
      assert.equal((await list({ nextPageKey: 'bogus' })).status, 400);
      const withToken = await apiClient(simulator, null).get('/api/v2/events', {
        nextPageKey: first.body.nextPageKey,
        'api-token': simulator.token,
      });
      assert.equal(withToken.status, 200, 'the token parameter does not count');
    });

    it('filters by time: defaults to the last two hours, accepts other windows', async () => {
      clock = NOW - 3 * HOUR;
      await ingest(deployment({ entitySelector: STAGING_SELECTOR, title: 'old' }));
      clock = NOW;
      await ingest(deployment({ entitySelector: STAGING_SELECTOR, title: 'recent' }));
      assert.deepEqual(
        (await list()).body.events.map((event: { title: string }) => event.title),
        ['recent'],
      );
      assert.deepEqual(
        (await list({ from: 'now-4h', to: 'now-150m' })).body.events.map(
          (event: { title: string }) => event.title,
        ),
        ['old'],
      );
    });

    it('filters by eventSelector criteria', async () => {
      await ingest(deployment());
      await ingest({
        eventType: 'CUSTOM_INFO',
        title: 'info',
        entitySelector: STAGING_SELECTOR,
        properties: { team: 'a' },
      });
      const count = async (eventSelector: string) => (await list({ eventSelector })).body.totalCount;
      assert.equal(await count('eventType("CUSTOM_DEPLOYMENT")'), 3);
      assert.equal(await count(`eventType("CUSTOM_DEPLOYMENT"),entityId("${STAGING_SERVICE}")`), 1);
      assert.equal(await count('property.team("a","b")'), 1);
      assert.equal(await count('property.dt.event.deployment.version("2")'), 3);
      assert.equal(await count('status("OPEN")'), 4);
      assert.equal(await count('status("CLOSED")'), 0);
      assert.equal(await count('underMaintenance(false)'), 4);
      const one = (await list({ eventSelector: 'eventType("CUSTOM_INFO")' })).body.events[0];
      assert.equal(await count(`correlationId("${one.correlationId}")`), 1);
      assert.equal(await count(`eventId("${one.eventId}")`), 1);
    });

    it('reports the status CLOSED once the end time has passed', async () => {
      await ingest(deployment({ entitySelector: STAGING_SELECTOR }));
      clock = NOW + 16 * MINUTE;
      assert.equal((await list({ from: 'now-1h' })).body.events[0].status, 'CLOSED');
    });

    it('filters by entitySelector using the entities’ current tags', async () => {
      await ingest(deployment());
      assert.equal(
        (await list({ entitySelector: 'type(SERVICE),tag("DeploymentGroup:Production")' })).body.totalCount,
        2,
      );
      simulator.state.entities.addTags(STAGING_SERVICE, [{ context: 'CONTEXTLESS', key: 'canary' }]);
      assert.equal((await list({ entitySelector: 'type(SERVICE),tag("canary")' })).body.totalCount, 1);
    });

    for (const [query, path] of [
      [{ eventSelector: 'eventType("A","B")' }, 'eventSelector'],
      [{ eventSelector: 'managementZoneId("1")' }, 'eventSelector'],
      [{ eventSelector: 'status("DONE")' }, 'eventSelector'],
      [{ eventSelector: 'underMaintenance(maybe)' }, 'eventSelector'],
      [{ entitySelector: 'type(' }, 'entitySelector'],
      [{ pageSize: 1001 }, 'pageSize'],
      [{ pageSize: 'ten' }, 'pageSize'],
      [{ from: 'now-2x' }, 'from'],
    ] as const) {
      it(`answers 400 naming ${path} for ${JSON.stringify(query)}`, async () => {
        const answer = await list(query);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.constraintViolations[0].path, path);
      });
    }
  });

  describe('GET /api/v2/events/{eventId}', () => {
    it('returns the event in the shape of api-facts A.3', async () => {
      await ingest(deployment({ entitySelector: STAGING_SELECTOR }));
      const [stored] = simulator.state.events.list();
      const answer = await apiClient(simulator).get(`/api/v2/events/${stored?.eventId ?? ''}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(Object.keys(answer.body).sort(), [
        'correlationId',
        'endTime',
        'entityId',
        'entityTags',
        'eventId',
        'eventType',
        'frequentEvent',
        'managementZones',
        'properties',
        'startTime',
        'status',
        'suppressAlert',
        'suppressProblem',
        'title',
        'underMaintenance',
      ]);
      assert.deepEqual(answer.body.entityTags[1], {
        context: 'ENVIRONMENT',
        key: 'DEPLOYMENT_GROUP_NAME',
        value: 'Staging',
        stringRepresentation: '[ENVIRONMENT]DEPLOYMENT_GROUP_NAME:Staging',
      });
    });

    it('answers 404 for an unknown event', async () => {
      const answer = await apiClient(simulator).get('/api/v2/events/123_456');
      assert.deepEqual(answer.body, { error: { code: 404, message: 'Event "123_456" not found.' } });
    });
  });
});
