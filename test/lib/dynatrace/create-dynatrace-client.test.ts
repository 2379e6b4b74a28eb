import assert from 'node:assert/strict';
import { inspect } from 'node:util';

import { createDynatraceClient } from '../../../lib/dynatrace/create-dynatrace-client';
import { DynatraceApiError } from '../../../lib/dynatrace/dynatrace-api-error';
import { type DynatraceClient, type DynatraceClientOptions } from '../../../lib/dynatrace/dynatrace-client';
import { PageLimitError } from '../../../lib/dynatrace/page-limit-error';
import { HttpError } from '../../../lib/http/http-error';
import { startDynatraceSimulator } from '../../../sim/dynatrace';
import { jsonReply, startStubServer, type StubServer } from '../../support/stub-server';
import { createFakeClock, createRecordingLogger, type FakeClock } from '../../support/fake-clock';

type Simulator = Awaited<ReturnType<typeof startDynatraceSimulator>>;

const MINUTE = 60_000;
/** A fixed, minute-aligned "now" shared by the simulator and the client's clock. */
const NOW = Date.UTC(2024, 5, 3, 12, 0, 0);

const FULL_TOKEN = 'dt0c01.FULLSCOPETOKEN0000000000.' + 'f'.repeat(64);
const NO_METRICS_TOKEN = 'dt0c01.NOMETRICSTOKEN000000000.' + 'e'.repeat(64);
const UNKNOWN_TOKEN = 'dt0c01.UNKNOWNTOKEN00000000000.' + 'd'.repeat(64);
const ALL_SCOPES = [
  'metrics.read',
  'events.ingest',
  'events.read',
  'problems.read',
  'problems.write',
  'entities.read',
  'DataExport',
] as const;

const STAGING_SERVICE = 'SERVICE-8D4E1F2A3B5C6071';
const PRODUCTION_SERVICES = ['SERVICE-9E5F2A3B4C6D7182', 'SERVICE-AF6A3B4C5D7E8293'] as const;
const PRODUCTION_SELECTOR = 'type(SERVICE),tag("DeploymentGroup:Production")';

describe('createDynatraceClient against the Dynatrace simulator', () => {
  let sim: Simulator;
  let clock: FakeClock;
  let logger: ReturnType<typeof createRecordingLogger>;
  /** Every error the tests provoked, checked for the tokens at the end of each test. */
  let errors: unknown[];

  before(async () => {
    sim = await startDynatraceSimulator({
      now: () => NOW,
      tokens: {
        [FULL_TOKEN]: ALL_SCOPES,
        [NO_METRICS_TOKEN]: ALL_SCOPES.filter((scope) => scope !== 'metrics.read'),
      },
    });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.faults.clear();
    clock = createFakeClock(NOW);
    logger = createRecordingLogger();
    errors = [];
  });
  afterEach(() => {
    const everything = [
      ...errors.map((error) => inspect(error, { depth: 10, showHidden: true })),
      ...errors.map((error) => (error instanceof Error ? error.message : String(error))),
      ...logger.lines,
    ].join('\n');
    for (const token of [FULL_TOKEN, NO_METRICS_TOKEN, UNKNOWN_TOKEN]) {
      for (const form of [token, Buffer.from(token).toString('base64'), `Api-Token ${token}`]) {
        assert.ok(
          !everything.includes(form),
          `a form of a token leaked into an error or a log line:\n${everything}`,
        );
      }
    }
  });

  function client(overrides: Partial<DynatraceClientOptions> = {}): DynatraceClient {
    return createDynatraceClient({
      environmentUrl: `${sim.url}/api/v2/`,
      apiToken: FULL_TOKEN,
      clock,
      logger,
      random: () => 0,
      ...overrides,
    });
  }

  async function failure(action: () => Promise<unknown>): Promise<HttpError> {
    try {
      await action();
    } catch (error: unknown) {
      errors.push(error);
      assert.ok(error instanceof HttpError, `expected an HttpError, got ${inspect(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  }

  function requestsTo(path: string): typeof sim.requests {
    return sim.requests.filter((request) => request.path === path);
  }

  describe('metrics', () => {
    it('queries metrics with the window and entity selector and returns typed series', async () => {
      const from = NOW - 5 * MINUTE;
      const data = await client().queryMetrics({
        metricSelector:
          'builtin:service.requestCount.total:splitBy():sum,builtin:service.response.time:splitBy():avg',
        from,
        to: NOW,
        resolution: 'Inf',
        entitySelector: PRODUCTION_SELECTOR,
      });

      assert.deepEqual(
        data.result.map((collection) => collection.metricId),
        ['builtin:service.requestCount.total:splitBy():sum', 'builtin:service.response.time:splitBy():avg'],
      );
      const [requestCount, responseTime] = data.result.map((collection) => collection.data[0]?.values[0]);
      let expectedRequests = 0;
      for (const entityId of PRODUCTION_SERVICES) {
        for (let minute = from; minute < NOW; minute += MINUTE) {
          expectedRequests += sim.state.sampleAt(entityId, minute)?.requests ?? 0;
        }
      }
      assert.equal(requestCount, expectedRequests);
      assert.ok(
        typeof responseTime === 'number' && responseTime > 50_000 && responseTime < 200_000,
        String(responseTime),
      );

      const [sent] = requestsTo('/api/v2/metrics/query').slice(-1);
      assert.equal(sent?.query['from'], String(from));
      assert.equal(sent?.query['to'], String(NOW));
      assert.equal(sent?.query['resolution'], 'Inf');
      assert.equal(sent?.query['entitySelector'], PRODUCTION_SELECTOR);
      assert.equal(sent?.headers.authorization, `Api-Token ${FULL_TOKEN}`);
    });

    it('accepts Dynatrace relative times for the window', async () => {
      const data = await client().queryMetrics({
        metricSelector: 'builtin:service.errors.total.rate:splitBy():avg',
        from: 'now-10m',
        to: 'now',
        resolution: 'Inf',
        entitySelector: `entityId("${STAGING_SERVICE}")`,
      });

      assert.equal(data.result[0]?.data.length, 1);
    });

    it('reads a metric descriptor', async () => {
      const descriptor = await client().getMetricDescriptor('builtin:service.response.time');

      assert.equal(descriptor.metricId, 'builtin:service.response.time');
      assert.equal(descriptor.unit, 'MicroSecond');
      assert.ok(descriptor.aggregationTypes?.includes('avg'));
    });

    it("reports a rejected selector with Dynatrace's constraint violations", async () => {
      const error = await failure(() =>
        client().queryMetrics({
          metricSelector: 'builtin:service.response.time:nonsense(',
          from: 'now-5m',
          to: 'now',
        }),
      );

      assert.ok(error instanceof DynatraceApiError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 400);
      assert.ok(error.constraintViolations.length > 0);
      assert.match(
        error.message,
        /^Dynatrace GET \/api\/v2\/metrics\/query failed with 400: Constraints violated: /,
      );
      assert.equal(requestsTo('/api/v2/metrics/query').length > 0, true);
    });
  });

  describe('events', () => {
    it('ingests deployment events and reads them back across several pages, sending only nextPageKey after the first', async () => {
      const dt = client();
      const versions = ['1.0.1', '1.0.2', '1.0.3', '1.0.4', '1.0.5'];
      for (const [index, version] of versions.entries()) {
        const result = await dt.ingestEvent({
          eventType: 'CUSTOM_DEPLOYMENT',
          title: `Deploy SampleNodeJsService ${version}`,
          entitySelector: `entityId("${STAGING_SERVICE}")`,
          startTime: NOW - (versions.length - index) * MINUTE,
          properties: {
            'dt.event.deployment.name': `SampleNodeJsService ${version}`,
            'dt.event.deployment.version': version,
            'dt.event.is_rootcause_relevant': true,
          },
        });
        assert.equal(result.reportCount, 1);
        assert.deepEqual(
          result.eventIngestResults.map((entry) => entry.status),
          ['OK'],
        );
      }
      const listedBefore = requestsTo('/api/v2/events').length;

      const events = await dt.listEvents({
        from: NOW - 30 * MINUTE,
        to: NOW,
        eventSelector: 'eventType("CUSTOM_DEPLOYMENT")',
        entitySelector: `entityId("${STAGING_SERVICE}")`,
        pageSize: 2,
      });

      assert.deepEqual(
        events
          .map((event) => event.properties.find((p) => p.key === 'dt.event.deployment.version')?.value)
          .sort(),
        versions,
      );
      assert.ok(events.every((event) => event.entityId?.entityId.id === STAGING_SERVICE));
      assert.ok(
        events.every((event) =>
          event.properties.some((p) => p.key === 'dt.event.is_rootcause_relevant' && p.value === 'true'),
        ),
      );
      const pages = requestsTo('/api/v2/events').slice(listedBefore);
      assert.equal(pages.length, 3);
      assert.equal(pages[0]?.query['pageSize'], '2');
      for (const page of pages.slice(1)) {
        assert.deepEqual(Object.keys(page.query), ['nextPageKey']);
      }
    });

    it('reports one result per matched entity for a tag selector', async () => {
      const result = await client().ingestEvent({
        eventType: 'CUSTOM_INFO',
        title: 'Production maintenance note',
        entitySelector: PRODUCTION_SELECTOR,
      });

      assert.equal(result.reportCount, 2);
      assert.equal(result.eventIngestResults.length, 2);
    });

    it('reads one event by its id', async () => {
      const dt = client();
      await dt.ingestEvent({
        eventType: 'CUSTOM_ANNOTATION',
        title: 'Annotation for getEvent',
        entitySelector: `entityId("${STAGING_SERVICE}")`,
        startTime: NOW - MINUTE,
      });
      const [listed] = await dt.listEvents({
        from: NOW - 10 * MINUTE,
        to: NOW,
        eventSelector: 'eventType("CUSTOM_ANNOTATION")',
      });
      assert.ok(listed);

      const event = await dt.getEvent(listed.eventId);

      assert.equal(event.title, 'Annotation for getEvent');
      assert.equal(event.eventId, listed.eventId);
    });

    it('fails instead of truncating when a listing needs more than maxPages pages', async () => {
      const dt = client();
      for (const minutesAgo of [3, 2, 1]) {
        await dt.ingestEvent({
          eventType: 'CUSTOM_CONFIGURATION',
          title: `Configuration change ${minutesAgo}`,
          entitySelector: `entityId("${PRODUCTION_SERVICES[0]}")`,
          startTime: NOW - minutesAgo * MINUTE,
        });
      }

      await assert.rejects(
        dt.listEvents(
          {
            from: NOW - 30 * MINUTE,
            to: NOW,
            eventSelector: 'eventType("CUSTOM_CONFIGURATION")',
            pageSize: 1,
          },
          { maxPages: 2 },
        ),
        (error: unknown) => {
          errors.push(error);
          assert.ok(error instanceof PageLimitError);
          assert.equal(
            error.message,
            'Dynatrace GET /api/v2/events has more than 2 pages (2 of 3 events fetched); ' +
              'narrow the query (time frame, selectors) or raise maxPages',
          );
          return true;
        },
      );
    });

    it('does not repeat an event ingest that timed out, so no deployment event is sent twice', async () => {
      sim.faults.add({ method: 'POST', path: '/api/v2/events/ingest', kind: 'hang', times: 1 });
      const before = requestsTo('/api/v2/events/ingest').length;

      const error = await failure(() =>
        client({ timeoutMs: 200 }).ingestEvent({ eventType: 'CUSTOM_DEPLOYMENT', title: 'Deploy 9.9.9' }),
      );

      assert.equal(error.kind, 'timeout');
      assert.equal(requestsTo('/api/v2/events/ingest').length - before, 1);
    });
  });

  describe('problems', () => {
    it('reads a problem, comments on it (v2) and lists the comment', async () => {
      const dt = client();
      const opened = sim.state.openProblem({ title: 'Failure rate increase', entityIds: [STAGING_SERVICE] });

      const problem = await dt.getProblem(opened.problemId);
      await dt.addProblemComment(opened.problemId, {
        message: 'Rolled back to release 41 (Unbreakable Pipeline)',
        context: 'Unbreakable Pipeline',
      });
      const comments = await dt.listProblemComments(opened.problemId);
      const withRecent = await dt.getProblem(opened.problemId, { fields: ['recentComments'] });

      assert.equal(problem.title, 'Failure rate increase');
      assert.equal(problem.status, 'OPEN');
      assert.equal(problem.impactLevel, 'SERVICES');
      assert.deepEqual(
        problem.affectedEntities.map((entity) => entity.entityId.id),
        [STAGING_SERVICE],
      );
      assert.deepEqual(
        comments.map((comment) => [comment.content, comment.context]),
        [['Rolled back to release 41 (Unbreakable Pipeline)', 'Unbreakable Pipeline']],
      );
      assert.equal(
        withRecent.recentComments?.comments[0]?.content,
        'Rolled back to release 41 (Unbreakable Pipeline)',
      );
    });

    it('finds open problems on an entity with a problem selector', async () => {
      const opened = sim.state.openProblem({
        title: 'Response time degradation',
        entityIds: [PRODUCTION_SERVICES[0]],
      });

      const problems = await client().listProblems({
        from: NOW - 60 * MINUTE,
        problemSelector: `problemId("${opened.problemId}")`,
      });

      assert.deepEqual(
        problems.map((problem) => problem.displayId),
        [opened.displayId],
      );
    });

    it('comments through the v1 API, the fallback for legacy tenants, into the same problem', async () => {
      const dt = client();
      const opened = sim.state.openProblem({ title: 'Legacy tenant problem', entityIds: [STAGING_SERVICE] });

      const comment = await dt.v1.addProblemComment(opened.problemId, {
        comment: 'Remediation started',
        user: 'Unbreakable Pipeline',
        context: 'Azure Function',
      });
      const details = await dt.v1.getProblemDetails(opened.problemId);
      const v2View = await dt.listProblemComments(opened.problemId);

      assert.equal(comment.content, 'Remediation started');
      assert.equal(comment.userName, 'Unbreakable Pipeline');
      assert.equal(details.id, opened.problemId);
      assert.equal(details.status, 'OPEN');
      assert.deepEqual(
        v2View.map((entry) => entry.content),
        ['Remediation started'],
      );
    });

    it('reports an unknown problem as a 404 DynatraceApiError', async () => {
      const error = await failure(() => client().getProblem('-1_1V2'));

      assert.ok(error instanceof DynatraceApiError);
      assert.equal(error.status, 404);
      assert.match(error.message, /^Dynatrace GET \/api\/v2\/problems\/-1_1V2 failed with 404/);
    });
  });

  describe('entities', () => {
    it('lists entities across pages with extra fields, sending only nextPageKey after the first page', async () => {
      const before = requestsTo('/api/v2/entities').length;

      const entities = await client().listEntities({
        entitySelector: 'type(SERVICE),tag("app:SampleNodeJsService")',
        fields: ['tags', '+lastSeenTms'],
        pageSize: 1,
      });

      assert.deepEqual(
        entities.map((entity) => entity.entityId).sort(),
        [...PRODUCTION_SERVICES, STAGING_SERVICE].sort(),
      );
      assert.ok(entities.every((entity) => entity.tags?.some((tag) => tag.key === 'DeploymentGroup')));
      const pages = requestsTo('/api/v2/entities').slice(before);
      assert.equal(pages.length, 3);
      assert.equal(pages[0]?.query['fields'], '+tags,+lastSeenTms');
      for (const page of pages.slice(1)) {
        assert.deepEqual(Object.keys(page.query), ['nextPageKey']);
      }
    });

    it('reads one entity with its tags', async () => {
      const entity = await client().getEntity(STAGING_SERVICE, { fields: ['tags'] });

      assert.equal(entity.entityId, STAGING_SERVICE);
      assert.ok(entity.tags?.some((tag) => tag.stringRepresentation === 'DeploymentGroup:Staging'));
    });
  });

  describe('v1 API', () => {
    it('posts a v1 deployment event and finds it in the v1 event feed', async () => {
      const dt = client();
      const stored = await dt.v1.postEvent({
        eventType: 'CUSTOM_DEPLOYMENT',
        source: 'Azure DevOps',
        attachRules: { entityIds: [PRODUCTION_SERVICES[1]] },
        deploymentName: 'SampleNodeJsService release 42',
        deploymentVersion: '42',
        deploymentProject: 'SampleProject',
        start: NOW - 2 * MINUTE,
      });

      const events = await dt.v1.listEvents({
        from: NOW - 10 * MINUTE,
        to: NOW,
        eventType: 'CUSTOM_DEPLOYMENT',
        entityId: PRODUCTION_SERVICES[1],
      });

      assert.equal(stored.storedIds.length, 1);
      const event = events.find((candidate) => candidate.deploymentVersion === '42');
      assert.equal(event?.deploymentProject, 'SampleProject');
      assert.equal(event?.entityId, PRODUCTION_SERVICES[1]);
    });

    it('queries a v1 timeseries with repeated entity parameters', async () => {
      const result = await client().v1.queryTimeseries('com.dynatrace.builtin:service.responsetime', {
        aggregationType: 'AVG',
        queryMode: 'TOTAL',
        startTimestamp: NOW - 5 * MINUTE,
        endTimestamp: NOW,
        entities: [...PRODUCTION_SERVICES],
      });

      assert.equal(result.timeseriesId, 'com.dynatrace.builtin:service.responsetime');
      assert.deepEqual(Object.keys(result.dataResult.dataPoints).sort(), [...PRODUCTION_SERVICES].sort());
      const [sent] = requestsTo('/api/v1/timeseries/com.dynatrace.builtin:service.responsetime').slice(-1);
      assert.deepEqual(sent?.query['entity'], [...PRODUCTION_SERVICES]);
      assert.equal(sent?.query['includeData'], 'true');
    });
  });

  describe('resilience', () => {
    it('waits out a 429 until X-RateLimit-Reset and retries', async () => {
      sim.faults.add({ path: '/api/v2/metrics/query', kind: 'rateLimit', resetInMs: 1500, times: 1 });
      const before = requestsTo('/api/v2/metrics/query').length;

      const data = await client().queryMetrics({
        metricSelector: 'builtin:service.requestCount.total:splitBy():sum',
        from: 'now-5m',
        to: 'now',
        resolution: 'Inf',
        entitySelector: PRODUCTION_SELECTOR,
      });

      assert.equal(data.result.length, 1);
      assert.deepEqual(clock.sleeps, [1500]);
      assert.deepEqual(
        requestsTo('/api/v2/metrics/query')
          .slice(before)
          .map((request) => request.status),
        [429, 200],
      );
      assert.ok(
        logger.lines.some((line) => line.includes('answered 429; retrying in 1.5 s (attempt 2 of 4)')),
      );
    });

    it('gives up on repeated 5xx after the retry bound with a clear error', async () => {
      sim.faults.add({ path: '/api/v2/metrics/query', kind: 'status', status: 503 });
      const before = requestsTo('/api/v2/metrics/query').length;

      const error = await failure(() =>
        client().queryMetrics({ metricSelector: 'builtin:service.response.time', from: 'now-5m', to: 'now' }),
      );

      assert.ok(error instanceof DynatraceApiError);
      assert.equal(error.status, 503);
      assert.equal(error.attempts, 4);
      assert.match(
        error.message,
        /^Dynatrace GET \/api\/v2\/metrics\/query failed with 503: .+ \(4 attempts\)$/,
      );
      assert.equal(requestsTo('/api/v2/metrics/query').length - before, 4);
      assert.equal(clock.sleeps.length, 3);
    });

    it('times out a hanging request and retries it up to the bound', async () => {
      sim.faults.add({ path: '/api/v2/problems', kind: 'hang' });

      const error = await failure(() =>
        client({ timeoutMs: 150, retry: { maxRetries: 1 } }).listProblems({ from: 'now-1h' }),
      );

      assert.equal(error.kind, 'timeout');
      assert.equal(error.message, 'Dynatrace GET /api/v2/problems timed out after 150 ms (2 attempts)');
    });

    it('retries a read after the connection was reset', async () => {
      sim.faults.add({ path: `/api/v2/entities/${STAGING_SERVICE}`, kind: 'reset', times: 1 });

      const entity = await client().getEntity(STAGING_SERVICE);

      assert.equal(entity.entityId, STAGING_SERVICE);
      assert.equal(clock.sleeps.length, 1);
    });
  });

  describe('authentication', () => {
    it('says that the token failed authentication when Dynatrace answers 401', async () => {
      const error = await failure(() =>
        client({ apiToken: UNKNOWN_TOKEN }).getMetricDescriptor('builtin:service.response.time'),
      );

      assert.ok(error instanceof DynatraceApiError);
      assert.equal(error.status, 401);
      assert.equal(error.attempts, 1);
      assert.match(
        error.message,
        /^Dynatrace GET \/api\/v2\/metrics\/builtin:service\.response\.time failed with 401: Token Authentication failed/,
      );
      assert.match(error.message, /check that the API token is valid/);
    });

    it("passes on Dynatrace's missing-scope message for a token without metrics.read", async () => {
      const error = await failure(() =>
        client({ apiToken: NO_METRICS_TOKEN }).queryMetrics({
          metricSelector: 'builtin:service.response.time',
          from: 'now-5m',
          to: 'now',
        }),
      );

      assert.ok(error instanceof DynatraceApiError);
      assert.equal(error.status, 403);
      assert.equal(
        error.message,
        'Dynatrace GET /api/v2/metrics/query failed with 403: Token is missing required scope. Use one of: metrics.read (Read metrics)',
      );
    });
  });

  describe('configuration', () => {
    it('rejects an empty or malformed token without showing it', () => {
      assert.throws(() => client({ apiToken: '  ' }), /The Dynatrace API token is empty/);
      assert.throws(
        () => client({ apiToken: `Api-Token ${FULL_TOKEN}` }),
        (error: Error) => /contains whitespace/.test(error.message) && !error.message.includes(FULL_TOKEN),
      );
    });

    it('exposes the normalized environment URL', () => {
      assert.equal(client().environmentUrl, sim.url);
    });

    it('rejects invalid arguments before sending anything', async () => {
      const before = sim.requests.length;
      await assert.rejects(client().getProblem(' '), /problemId must not be empty/);
      await assert.rejects(
        client().queryMetrics({ metricSelector: 'x', from: Number.NaN, to: 'now' }),
        /from must be epoch milliseconds or a Dynatrace time/,
      );
      assert.equal(sim.requests.length, before);
    });
  });
});

describe('createDynatraceClient request shapes (against a scripted server)', () => {
  let stub: StubServer;

  before(async () => {
    stub = await startStubServer();
  });
  after(async () => {
    await stub.close();
  });
  beforeEach(() => {
    stub.reset();
  });

  function client(path = ''): DynatraceClient {
    return createDynatraceClient({
      environmentUrl: `${stub.url}${path}`,
      apiToken: FULL_TOKEN,
      clock: createFakeClock(NOW),
      random: () => 0,
    });
  }

  it('prefixes every call with the /e/<environment-id> path of a Managed environment', async () => {
    stub.reply(jsonReply(200, { entityId: STAGING_SERVICE }));

    await client('/e/0a1b2c3d/').getEntity(STAGING_SERVICE);

    assert.equal(stub.requests[0]?.path, `/e/0a1b2c3d/api/v2/entities/${STAGING_SERVICE}`);
  });

  it('does not take an event ingest answered with anything but 201 as stored', async () => {
    stub.reply(
      jsonReply(200, {
        reportCount: 1,
        eventIngestResults: [{ correlationId: 'a1b2c3d4e5f60718', status: 'OK' }],
      }),
    );

    await assert.rejects(
      client().ingestEvent({ eventType: 'CUSTOM_DEPLOYMENT', title: 'Deploy 1.2.3' }),
      (error: unknown) =>
        error instanceof HttpError && error.status === 200 && /events\/ingest/.test(error.message),
    );
    assert.equal(stub.requests.length, 1, 'an unexpected success status is not retried');
  });

  it('does not take a problem comment answered with anything but 201 as posted', async () => {
    stub.reply(jsonReply(200, {}));

    await assert.rejects(client().addProblemComment('-1_1V2', { message: 'hello' }), /failed with 200/);
  });

  it('follows v1 nextCursor pages, sending only the cursor after the first page', async () => {
    const event = (id: string) => ({
      id,
      startTime: NOW,
      entityId: STAGING_SERVICE,
      eventType: 'CUSTOM_DEPLOYMENT',
    });
    stub.reply(
      jsonReply(200, { nextCursor: 'c2', totalEventCount: 3, events: [event('1_1'), event('2_1')] }),
      jsonReply(200, { nextCursor: null, totalEventCount: 3, events: [event('3_1')] }),
    );

    const events = await client().v1.listEvents({ from: NOW - MINUTE, to: NOW, entityId: STAGING_SERVICE });

    assert.deepEqual(
      events.map((entry) => entry.id),
      ['1_1', '2_1', '3_1'],
    );
    assert.equal(stub.requests[0]?.query.get('entityId'), STAGING_SERVICE);
    assert.equal(stub.requests[1]?.rawUrl, '/api/v1/events?cursor=c2');
  });

  it('keeps the requested problem fields on every page, the one parameter allowed next to nextPageKey', async () => {
    const problem = {
      problemId: 'p1',
      displayId: 'P-1',
      title: 't',
      impactLevel: 'SERVICES',
      severityLevel: 'ERROR',
      status: 'OPEN',
      startTime: NOW,
    };
    stub.reply(
      jsonReply(200, { totalCount: 2, nextPageKey: 'k2', problems: [problem] }),
      jsonReply(200, { totalCount: 2, problems: [{ ...problem, problemId: 'p2' }] }),
    );

    const problems = await client().listProblems({
      problemSelector: 'status("open")',
      fields: ['evidenceDetails', 'impactAnalysis'],
    });

    assert.equal(problems.length, 2);
    assert.equal(
      stub.requests[1]?.rawUrl,
      '/api/v2/problems?nextPageKey=k2&fields=evidenceDetails%2CimpactAnalysis',
    );
  });

  it('keeps the colons of a metric key in the path and encodes everything else', async () => {
    stub.reply(jsonReply(200, { metricId: 'builtin:service.response.time:percentile(90)' }));

    await client().getMetricDescriptor('builtin:service.response.time:percentile(90)');

    assert.equal(stub.requests[0]?.rawUrl, '/api/v2/metrics/builtin:service.response.time:percentile(90)');
  });

  it('reports an answer that does not match the documented shape as invalid-response', async () => {
    stub.reply(jsonReply(201, { reportCount: '1' }));

    await assert.rejects(
      client().ingestEvent({ eventType: 'CUSTOM_DEPLOYMENT', title: 'Deploy' }),
      (error: unknown) =>
        error instanceof HttpError &&
        error.kind === 'invalid-response' &&
        error.message ===
          'Dynatrace POST /api/v2/events/ingest answered 201 with an unexpected body: at $.reportCount: expected a number, found the string "1"',
    );
  });
});
