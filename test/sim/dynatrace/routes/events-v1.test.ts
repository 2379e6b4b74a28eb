import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import { MINUTE, NOW, apiClient } from '../support/api-client';

const STAGING_SERVICE = SAMPLE_APP_ENTITY_IDS.staging.service;

/** The original Unbreakable Pipeline's v1 deployment event (api-facts A.4). */
const v1Deployment = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'CUSTOM_DEPLOYMENT',
  source: 'Azure DevOps',
  deploymentName: 'SampleNodeJsService release 17',
  deploymentVersion: '17',
  deploymentProject: 'Unbreakable',
  ciBackLink: 'https://dev.azure.com/fabrikam/Unbreakable/_release?releaseId=17',
  remediationAction: 'https://tower.example/job/42',
  customProperties: { 'Build Number': '1.2.3', attempt: 1 },
  attachRules: {
    tagRule: [
      {
        meTypes: ['SERVICE'],
        tags: [{ context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' }],
      },
    ],
  },
  ...overrides,
});

describe('Events API v1 routes', () => {
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

  const post = (body: unknown) => apiClient(simulator).post('/api/v1/events', body);
  const feed = (query: Record<string, string | number> = {}) =>
    apiClient(simulator).get('/api/v1/events', query);

  describe('POST /api/v1/events', () => {
    it('stores the event on the entities of the tag rule and answers 200 EventStoreResult', async () => {
      const answer = await post(v1Deployment());
      assert.equal(answer.status, 200);
      const [stored] = simulator.state.events.list();
      assert.deepEqual(answer.body, {
        storedEventIds: [stored?.numericId],
        storedIds: [stored?.eventId],
        storedCorrelationIds: [],
      });
      assert.equal(stored?.entity.id, STAGING_SERVICE);
      assert.equal(stored?.startTime, NOW);
      assert.equal(stored?.endTime, NOW, 'an info event without end lasts an instant');
    });

    it('matches entity ids or any tag rule, requiring all tags of a rule and one of its types', async () => {
      const answer = await post(
        v1Deployment({
          attachRules: {
            entityIds: [SAMPLE_APP_ENTITY_IDS.productionEast.host],
            tagRule: [
              {
                meTypes: ['PROCESS_GROUP_INSTANCE', 'SERVICE'],
                tags: [
                  { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Production' },
                  { context: 'CONTEXTLESS', key: 'app' },
                ],
              },
              {
                meTypes: ['SERVICE'],
                tags: [
                  { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Production' },
                  { context: 'CONTEXTLESS', key: 'missing' },
                ],
              },
            ],
          },
        }),
      );
      assert.equal(answer.body.storedIds.length, 5);
      assert.deepEqual(
        simulator.state.events
          .list()
          .map((event) => event.entity.type)
          .sort(),
        ['HOST', 'PROCESS_GROUP_INSTANCE', 'PROCESS_GROUP_INSTANCE', 'SERVICE', 'SERVICE'],
      );
    });

    it('returns correlation ids and a timeout-based end for problem-opening events', async () => {
      const answer = await post({
        eventType: 'ERROR_EVENT',
        source: 'test',
        title: 'Too many errors',
        timeoutMinutes: 500,
        attachRules: { entityIds: [STAGING_SERVICE] },
      });
      const [stored] = simulator.state.events.list();
      assert.deepEqual(answer.body.storedCorrelationIds, [stored?.correlationId]);
      assert.equal(stored?.endTime, NOW + 120 * MINUTE, 'timeoutMinutes is capped at 120');
    });

    it('answers 400 when nothing matches the attach rules', async () => {
      const answer = await post(v1Deployment({ attachRules: { entityIds: ['SERVICE-UNKNOWN'] } }));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error.constraintViolations[0].path, 'attachRules');
    });

    it('applies the unmatched fault to v1 ingestion too', async () => {
      simulator.faults.add({ path: '/api/v1/events', method: 'POST', kind: 'unmatched', times: 1 });
      assert.equal((await post(v1Deployment())).status, 400);
      assert.equal((await post(v1Deployment())).status, 200);
    });

    it('answers 400 listing missing required fields', async () => {
      const answer = await post({ eventType: 'CUSTOM_DEPLOYMENT', attachRules: {} });
      assert.deepEqual(
        answer.body.error.constraintViolations.map((violation: { path: string }) => violation.path),
        ['source', 'deploymentName', 'deploymentVersion', 'attachRules'],
      );
    });

    for (const [name, body, path] of [
      ['a v2-only event type', { eventType: 'WARNING' }, 'eventType'],
      [
        'an unknown tag context',
        { attachRules: { tagRule: [{ meTypes: ['SERVICE'], tags: [{ context: 'MARS', key: 'x' }] }] } },
        'attachRules.tagRule[0].tags[0].context',
      ],
      [
        'a tag rule without types',
        { attachRules: { tagRule: [{ meTypes: [], tags: [] }] } },
        'attachRules.tagRule[0].meTypes',
      ],
      ['entity ids that are not strings', { attachRules: { entityIds: [1] } }, 'attachRules.entityIds'],
      ['a start far in the past', { start: NOW - 31 * 24 * 60 * MINUTE }, 'start'],
      ['an end before the start', { start: NOW, end: NOW - 1 }, 'end'],
      ['custom properties that are objects', { customProperties: { a: {} } }, 'customProperties.a'],
    ] as const) {
      it(`answers 400 naming ${path} for ${name}`, async () => {
        const answer = await post(v1Deployment(body));
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.error.constraintViolations[0].path, path);
      });
    }
  });

  describe('one store, two views', () => {
    it('shows a v1-posted deployment in Events v2 with the standard dt.event.deployment.* properties', async () => {
      await post(v1Deployment());
      const answer = await apiClient(simulator).get('/api/v2/events', {
        eventSelector: 'eventType("CUSTOM_DEPLOYMENT")',
      });
      assert.equal(answer.body.totalCount, 1);
      assert.equal(answer.body.events[0].title, 'SampleNodeJsService release 17');
      assert.deepEqual(answer.body.events[0].properties, [
        { key: 'dt.event.deployment.name', value: 'SampleNodeJsService release 17' },
        { key: 'dt.event.deployment.version', value: '17' },
        { key: 'dt.event.deployment.project', value: 'Unbreakable' },
        {
          key: 'dt.event.deployment.ci_back_link',
          value: 'https://dev.azure.com/fabrikam/Unbreakable/_release?releaseId=17',
        },
        { key: 'dt.event.deployment.remediation_action_link', value: 'https://tower.example/job/42' },
        { key: 'dt.event.source', value: 'Azure DevOps' },
        { key: 'Build Number', value: '1.2.3' },
        { key: 'attempt', value: '1' },
      ]);
    });

    it('shows a v2-ingested deployment in Events v1 with deploymentName, deploymentVersion and customProperties', async () => {
      await apiClient(simulator).post('/api/v2/events/ingest', {
        eventType: 'CUSTOM_DEPLOYMENT',
        title: 'Deploy 3',
        entitySelector: `entityId("${STAGING_SERVICE}")`,
        properties: {
          'dt.event.deployment.name': 'Deploy 3',
          'dt.event.deployment.version': '3',
          'dt.event.deployment.project': 'Unbreakable',
          'dt.event.deployment.release_stage': 'Staging',
          'ado.release.id': '3',
        },
      });
      const answer = await feed({ entityId: STAGING_SERVICE, eventType: 'CUSTOM_DEPLOYMENT' });
      const [stored] = simulator.state.events.list();
      assert.deepEqual(answer.body.events[0], {
        eventId: stored?.numericId,
        id: stored?.eventId,
        startTime: NOW,
        endTime: NOW + 15 * MINUTE,
        entityId: STAGING_SERVICE,
        entityName: 'Staging/SampleNodeJsService',
        severityLevel: null,
        impactLevel: 'SERVICE',
        eventType: 'CUSTOM_DEPLOYMENT',
        eventStatus: 'OPEN',
        tags: [
          { context: 'CONTEXTLESS', key: 'DeploymentGroup', value: 'Staging' },
          { context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
          { context: 'CONTEXTLESS', key: 'app', value: 'SampleNodeJsService' },
        ],
        title: 'Deploy 3',
        deploymentName: 'Deploy 3',
        deploymentVersion: '3',
        deploymentProject: 'Unbreakable',
        customProperties: { 'ado.release.id': '3' },
      });
    });

    it('maps RESOURCE_CONTENTION and annotation fields between the versions', async () => {
      await post({
        eventType: 'RESOURCE_CONTENTION',
        source: 's',
        title: 'CPU',
        attachRules: { entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host] },
      });
      await post({
        eventType: 'CUSTOM_ANNOTATION',
        source: 's',
        annotationType: 'Load test',
        annotationDescription: 'started',
        attachRules: { entityIds: [STAGING_SERVICE] },
      });
      const v2 = await apiClient(simulator).get('/api/v2/events', {
        eventSelector: 'eventType("RESOURCE_CONTENTION_EVENT")',
      });
      assert.equal(v2.body.totalCount, 1);
      const v1 = await feed();
      const [annotation, contention] = v1.body.events;
      assert.equal(contention.eventType, 'RESOURCE_CONTENTION');
      assert.equal(contention.severityLevel, 'RESOURCE_CONTENTION');
      assert.equal(contention.impactLevel, 'INFRASTRUCTURE');
      assert.equal(annotation.annotationType, 'Load test');
      assert.equal(annotation.annotationDescription, 'started');
      assert.equal(annotation.customProperties, undefined);
    });
  });

  describe('GET /api/v1/events', () => {
    it('pages by 150 newest first, following nextCursor without other parameters', async () => {
      for (let index = 0; index < 160; index += 1) {
        clock = NOW - (160 - index) * 1000;
        await post(v1Deployment({ deploymentVersion: String(index) }));
      }
      clock = NOW;
      const first = await feed({ relativeTime: 'hour', eventType: 'CUSTOM_DEPLOYMENT' });
      assert.equal(first.body.events.length, 150);
      assert.equal(first.body.totalEventCount, 160);
      assert.equal(first.body.events[0].deploymentVersion, '159');
      assert.equal(first.body.nextEventStartTms, NOW - 151 * 1000);
      assert.equal(typeof first.body.nextEventId, 'number');
      const second = await feed({ cursor: first.body.nextCursor });
      assert.equal(second.body.events.length, 10);
      assert.equal(second.body.events[0].eventId, first.body.nextEventId);
      assert.equal(second.body.events[9].deploymentVersion, '0');
      assert.equal(second.body.nextCursor, null);
      assert.equal(second.body.nextEventId, null);
    });

    it('defaults to the last 30 days and filters by from/to in milliseconds', async () => {
      clock = NOW - 40 * 24 * 60 * MINUTE;
      await post(v1Deployment({ start: clock }));
      clock = NOW;
      await post(v1Deployment());
      const recent = await feed();
      assert.equal(recent.body.totalEventCount, 1);
      assert.equal(recent.body.to, NOW);
      assert.equal(recent.body.from, NOW - 30 * 24 * 60 * MINUTE);
      const old = await feed({ from: NOW - 41 * 24 * 60 * MINUTE, to: NOW - 39 * 24 * 60 * MINUTE });
      assert.equal(old.body.totalEventCount, 1);
    });

    for (const [query, path] of [
      [{ from: 'now-1h' }, 'from'],
      [{ relativeTime: 'fortnight' }, 'relativeTime'],
      [{ eventType: 'RESOURCE_CONTENTION_EVENT' }, 'eventType'],
      [{ from: 1, to: 2 * 366 * 24 * 3_600_000 + 2 }, 'from'],
      [{ from: NOW, to: NOW - 1 }, 'from'],
      [{ cursor: 'nope' }, 'cursor'],
    ] as const) {
      it(`answers 400 naming ${path} for ${JSON.stringify(query)}`, async () => {
        const answer = await feed(query);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.constraintViolations[0].path, path);
      });
    }
  });

  describe('GET /api/v1/events/{eventId}', () => {
    it('returns one event by its numeric id and 404 otherwise', async () => {
      const stored = (await post(v1Deployment())).body.storedEventIds[0];
      const answer = await apiClient(simulator).get(`/api/v1/events/${stored}`);
      assert.equal(answer.body.deploymentVersion, '17');
      assert.equal((await apiClient(simulator).get('/api/v1/events/12345')).status, 404);
      assert.equal((await apiClient(simulator).get('/api/v1/events/abc')).status, 404);
    });
  });
});
