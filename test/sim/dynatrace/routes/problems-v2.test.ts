import assert from 'node:assert/strict';

import {
  type DynatraceSimulator,
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
} from '../../../../sim/dynatrace';
import { MINUTE, NOW, apiClient } from '../support/api-client';

const PROD_EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;
const PROD_WEST = SAMPLE_APP_ENTITY_IDS.productionWest.service;
const STAGING = SAMPLE_APP_ENTITY_IDS.staging.service;

describe('Problems API v2 routes', () => {
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

  const get = (path: string, query?: Record<string, string | number>) =>
    apiClient(simulator).get(path, query);

  describe('GET /api/v2/problems/{problemId}', () => {
    it('returns the problem with SERVICES impact, -1 end time and entity references', async () => {
      const problem = simulator.state.openProblem({
        title: 'Failure rate increase',
        entityIds: [PROD_EAST, PROD_WEST],
        severityLevel: 'ERROR',
        rootCauseEntityId: PROD_EAST,
      });
      assert.match(problem.problemId, new RegExp(`^-?\\d+_${NOW}V2$`));
      assert.match(problem.displayId, /^P-\d+$/);
      const answer = await get(`/api/v2/problems/${encodeURIComponent(problem.problemId)}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        { ...answer.body, entityTags: answer.body.entityTags.length },
        {
          problemId: problem.problemId,
          displayId: problem.displayId,
          title: 'Failure rate increase',
          impactLevel: 'SERVICES',
          severityLevel: 'ERROR',
          status: 'OPEN',
          startTime: NOW,
          endTime: -1,
          affectedEntities: [
            { entityId: { id: PROD_EAST, type: 'SERVICE' }, name: 'Production/SampleNodeJsService (east)' },
            { entityId: { id: PROD_WEST, type: 'SERVICE' }, name: 'Production/SampleNodeJsService (west)' },
          ],
          impactedEntities: [
            { entityId: { id: PROD_EAST, type: 'SERVICE' }, name: 'Production/SampleNodeJsService (east)' },
            { entityId: { id: PROD_WEST, type: 'SERVICE' }, name: 'Production/SampleNodeJsService (west)' },
          ],
          rootCauseEntity: {
            entityId: { id: PROD_EAST, type: 'SERVICE' },
            name: 'Production/SampleNodeJsService (east)',
          },
          managementZones: [],
          entityTags: 3,
          problemFilters: [],
          linkedProblemInfo: null,
        },
      );
    });

    it('adds evidence (including recent deployments), impact analysis and recent comments only when asked', async () => {
      await apiClient(simulator).post('/api/v2/events/ingest', {
        eventType: 'CUSTOM_DEPLOYMENT',
        title: 'Deploy build 4',
        entitySelector: `entityId("${PROD_EAST}")`,
      });
      clock = NOW + 10 * MINUTE;
      const problem = simulator.state.openProblem({
        title: 'Response time degradation',
        entityIds: [PROD_EAST],
      });
      simulator.state.addProblemComment(problem.problemId, { content: 'Looking into it', authorName: 'ops' });
      const path = `/api/v2/problems/${encodeURIComponent(problem.problemId)}`;
      const plain = await get(path);
      assert.equal(plain.body.evidenceDetails, undefined);
      const full = await get(path, { fields: '+evidenceDetails,impactAnalysis,+recentComments' });
      assert.equal(full.body.evidenceDetails.totalCount, 2);
      assert.deepEqual(
        full.body.evidenceDetails.details.map((detail: { eventType: string; rootCauseRelevant: boolean }) => [
          detail.eventType,
          detail.rootCauseRelevant,
        ]),
        [
          ['PERFORMANCE_EVENT', false],
          ['CUSTOM_DEPLOYMENT', true],
        ],
      );
      assert.equal(full.body.evidenceDetails.details[1].displayName, 'Deploy build 4');
      assert.deepEqual(full.body.impactAnalysis.impacts[0].impactedEntity.entityId, {
        id: PROD_EAST,
        type: 'SERVICE',
      });
      assert.equal(full.body.recentComments.totalCount, 1);
      assert.equal(full.body.recentComments.comments[0].content, 'Looking into it');
    });

    it('answers 404 for an unknown problem and 400 for an unknown field', async () => {
      assert.deepEqual((await get('/api/v2/problems/-1_1V2')).body, {
        error: { code: 404, message: 'Problem "-1_1V2" not found.' },
      });
      const problem = simulator.state.openProblem({ title: 't', entityIds: [STAGING] });
      const answer = await get(`/api/v2/problems/${encodeURIComponent(problem.problemId)}`, {
        fields: 'k8s',
      });
      assert.equal(answer.body.error.constraintViolations[0].path, 'fields');
    });
  });

  describe('GET /api/v2/problems', () => {
    it('lists problems overlapping the last two hours by default, newest first, open and closed', async () => {
      const old = simulator.state.openProblem({
        title: 'old',
        entityIds: [STAGING],
        startTime: NOW - 3 * 60 * MINUTE,
      });
      clock = NOW - 150 * MINUTE;
      simulator.state.closeProblem(old.problemId);
      clock = NOW;
      const closed = simulator.state.openProblem({
        title: 'closed',
        entityIds: [STAGING],
        startTime: NOW - 60 * MINUTE,
      });
      simulator.state.closeProblem(closed.problemId);
      simulator.state.openProblem({ title: 'open', entityIds: [PROD_EAST], startTime: NOW - 5 * MINUTE });
      const answer = await get('/api/v2/problems');
      assert.deepEqual(
        answer.body.problems.map((problem: { title: string }) => problem.title),
        ['open', 'closed'],
      );
      assert.equal(answer.body.problems[1].status, 'CLOSED');
      assert.equal(answer.body.problems[1].endTime, NOW);
      assert.equal(answer.body.totalCount, 2);
      assert.equal(answer.body.pageSize, 50);
      assert.deepEqual(answer.body.warnings, []);
    });

    it('filters with problemSelector and entitySelector', async () => {
      const error = simulator.state.openProblem({
        title: 'Failure rate increase',
        entityIds: [PROD_EAST],
        severityLevel: 'ERROR',
        rootCauseEntityId: PROD_EAST,
      });
      simulator.state.openProblem({
        title: 'Slow host',
        entityIds: [SAMPLE_APP_ENTITY_IDS.staging.host],
        severityLevel: 'RESOURCE_CONTENTION',
      });
      const titles = async (query: Record<string, string>) =>
        (await get('/api/v2/problems', query)).body.problems.map(
          (problem: { title: string }) => problem.title,
        );
      assert.deepEqual(await titles({ problemSelector: 'status("open"),severityLevel("ERROR")' }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: `impactedEntities("${PROD_EAST}")` }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: `affectedEntities("${PROD_WEST}")` }), []);
      assert.deepEqual(await titles({ problemSelector: `problemId("${error.problemId}")` }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: `displayId("${error.displayId}")` }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: `rootCauseEntity("${PROD_EAST}")` }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: 'impactLevel("INFRASTRUCTURE")' }), ['Slow host']);
      assert.deepEqual(await titles({ problemSelector: 'impactLevel("SERVICE")' }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: 'affectedEntityTypes("dt.entity.host")' }), [
        'Slow host',
      ]);
      assert.deepEqual(await titles({ problemSelector: 'entityTags("DeploymentGroup:Production")' }), [
        'Failure rate increase',
      ]);
      assert.deepEqual(await titles({ problemSelector: 'text("slow")' }), ['Slow host']);
      assert.deepEqual(await titles({ problemSelector: 'status("closed")' }), []);
      assert.deepEqual(
        await titles({ problemSelector: 'underMaintenance(false)' }).then((list: string[]) => list.length),
        2,
      );
      assert.deepEqual(await titles({ entitySelector: 'type(SERVICE),tag("DeploymentGroup:Production")' }), [
        'Failure rate increase',
      ]);
    });

    it('pages with nextPageKey, which may only be accompanied by fields', async () => {
      for (let index = 0; index < 5; index += 1) {
        simulator.state.openProblem({
          title: `p${index}`,
          entityIds: [STAGING],
          startTime: NOW - (5 - index) * MINUTE,
        });
      }
      const titles: string[] = [];
      let answer = await get('/api/v2/problems', { pageSize: 2 });
      let pages = 1;
      titles.push(...answer.body.problems.map((problem: { title: string }) => problem.title));
      while (answer.body.nextPageKey) {
        answer = await get('/api/v2/problems', {
          nextPageKey: answer.body.nextPageKey,
          fields: 'recentComments',
        });
        assert.ok(answer.body.problems[0].recentComments);
        titles.push(...answer.body.problems.map((problem: { title: string }) => problem.title));
        pages += 1;
      }
      assert.equal(pages, 3);
      assert.deepEqual(titles, ['p4', 'p3', 'p2', 'p1', 'p0']);
      const first = await get('/api/v2/problems', { pageSize: 2 });
      const mixed = await get('/api/v2/problems', {
        nextPageKey: first.body.nextPageKey,
        problemSelector: 'status("open")',
      });
      assert.match(mixed.body.error.constraintViolations[0].message, /except fields.*found problemSelector/);
    });

    it('sorts by status and start time on request', async () => {
      const closed = simulator.state.openProblem({
        title: 'closed',
        entityIds: [STAGING],
        startTime: NOW - 1 * MINUTE,
      });
      simulator.state.closeProblem(closed.problemId);
      simulator.state.openProblem({ title: 'open', entityIds: [STAGING], startTime: NOW - 2 * MINUTE });
      const titles = async (sort: string) =>
        (await get('/api/v2/problems', { sort })).body.problems.map(
          (problem: { title: string }) => problem.title,
        );
      assert.deepEqual(await titles('+status'), ['open', 'closed']);
      assert.deepEqual(await titles('startTime'), ['open', 'closed']);
      assert.deepEqual(await titles('-startTime'), ['closed', 'open']);
      assert.equal((await get('/api/v2/problems', { sort: 'relevance' })).status, 400);
    });

    for (const [query, path] of [
      [{ problemSelector: 'managementZones("prod")' }, 'problemSelector'],
      [{ problemSelector: 'status("resolved")' }, 'problemSelector'],
      [{ problemSelector: 'entityTags(":x")' }, 'problemSelector'],
      [{ problemSelector: 'underMaintenance(1)' }, 'problemSelector'],
      [{ entitySelector: 'entityName("x")' }, 'entitySelector'],
      [{ pageSize: 501 }, 'pageSize'],
    ] as const) {
      it(`answers 400 naming ${path} for ${JSON.stringify(query)}`, async () => {
        const answer = await get('/api/v2/problems', query);
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.constraintViolations[0].path, path);
      });
    }
  });

  describe('comments', () => {
    it('adds a comment with 201 and no body, and lists comments newest first with paging', async () => {
      const problem = simulator.state.openProblem({ title: 't', entityIds: [PROD_EAST] });
      const path = `/api/v2/problems/${encodeURIComponent(problem.problemId)}/comments`;
      for (let index = 0; index < 3; index += 1) {
        clock = NOW + index * 1000;
        const answer = await apiClient(simulator).post(path, {
          message: `comment ${index}`,
          context: 'Unbreakable',
        });
        assert.equal(answer.status, 201);
        assert.equal(answer.body, undefined);
        assert.equal(answer.headers.get('content-length'), '0');
      }
      const first = await get(path, { pageSize: 2 });
      assert.equal(first.body.totalCount, 3);
      assert.deepEqual(
        first.body.comments.map((comment: { content: string }) => comment.content),
        ['comment 2', 'comment 1'],
      );
      assert.deepEqual(Object.keys(first.body.comments[0]).sort(), [
        'authorName',
        'content',
        'context',
        'createdAtTimestamp',
        'id',
      ]);
      assert.equal(first.body.comments[0].context, 'Unbreakable');
      assert.equal(first.body.comments[0].createdAtTimestamp, NOW + 2000);
      const second = await get(path, { nextPageKey: first.body.nextPageKey });
      assert.deepEqual(
        second.body.comments.map((comment: { content: string }) => comment.content),
        ['comment 0'],
      );
      assert.equal(second.body.nextPageKey, null);
      assert.equal((await get(path, { nextPageKey: first.body.nextPageKey, pageSize: 1 })).status, 400);
      const other = simulator.state.openProblem({ title: 'other', entityIds: [PROD_EAST] });
      const foreign = await get(`/api/v2/problems/${encodeURIComponent(other.problemId)}/comments`, {
        nextPageKey: first.body.nextPageKey,
      });
      assert.match(foreign.body.error.constraintViolations[0].message, /belongs to another problem/);
    });

    it('answers 400 for a missing message and 404 for an unknown problem', async () => {
      const problem = simulator.state.openProblem({ title: 't', entityIds: [PROD_EAST] });
      const path = `/api/v2/problems/${encodeURIComponent(problem.problemId)}/comments`;
      const missing = await apiClient(simulator).post(path, { context: 5 });
      assert.deepEqual(
        missing.body.error.constraintViolations.map((violation: { path: string }) => violation.path),
        ['message', 'context'],
      );
      assert.equal((await apiClient(simulator).post(path, 'x')).status, 400);
      assert.equal(
        (await apiClient(simulator).post('/api/v2/problems/nope/comments', { message: 'm' })).status,
        404,
      );
      assert.equal((await get('/api/v2/problems/nope/comments')).status, 404);
    });
  });
});
