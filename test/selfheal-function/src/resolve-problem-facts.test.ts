import assert from 'node:assert/strict';
import { createDynatraceClient } from '../../../lib/dynatrace';
import { type ProblemNotification } from '../../../lib/remediation';
import {
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
  type DynatraceSimulator,
  type Problem,
} from '../../../sim/dynatrace';
import { resolveProblemFacts } from '../../../selfheal-function/src/resolve-problem-facts';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const { productionEast, productionWest } = SAMPLE_APP_ENTITY_IDS;
const V1_ONLY_TOKEN =
  'dt0c01.V1ONLYTOKENXXXXXXXXXXXXX.1111111111111111111111111111111111111111111111111111111111111111';

describe('resolveProblemFacts (against the Dynatrace simulator)', () => {
  let dt: DynatraceSimulator;
  let problem: Problem;
  const client = (token?: string) =>
    createDynatraceClient({ environmentUrl: dt.url, apiToken: token ?? dt.token, retry: { maxRetries: 0 } });
  const notification = (extra: Partial<ProblemNotification> = {}): ProblemNotification => ({
    state: 'OPEN',
    problemId: problem.problemId,
    entities: [],
    tags: [],
    notes: [],
    ...extra,
  });

  beforeEach(async () => {
    dt = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW }),
      now: () => NOW,
      tokens: { [V1_ONLY_TOKEN]: ['DataExport'] },
    });
    problem = dt.state.openProblem({
      title: 'Failure rate increase',
      entityIds: [productionEast.service, productionWest.service],
      rootCauseEntityId: productionWest.service,
      startTime: NOW - 5 * 60_000,
    });
  });
  afterEach(async () => {
    await dt.close();
  });

  it('asks nothing when the payload carried the start time and the entities', async () => {
    const facts = await resolveProblemFacts(
      notification({ startTime: 42, entities: [{ id: productionEast.service }], displayId: 'P-1' }),
      client(),
    );
    assert.deepEqual(facts, { startTime: 42, entities: [{ id: productionEast.service }], displayId: 'P-1' });
    assert.equal(dt.requests.length, 0);
  });

  it("reads the start time from Problems v2 and keeps the payload's entities", async () => {
    const facts = await resolveProblemFacts(
      notification({ entities: [{ id: productionEast.service }] }),
      client(),
    );
    assert.equal(facts.startTime, NOW - 5 * 60_000);
    assert.deepEqual(facts.entities, [{ id: productionEast.service }]);
    assert.equal(facts.displayId, problem.displayId);
    assert.equal(facts.title, 'Failure rate increase');
    assert.equal(facts.askedApi, 'v2');
  });

  it('takes the entities from Problems v2 when the payload had none, root cause first', async () => {
    const facts = await resolveProblemFacts(notification(), client());
    assert.deepEqual(
      facts.entities.map((entity) => entity.id),
      [productionWest.service, productionEast.service],
    );
  });

  it('falls back to the v1 problem details when the token cannot read Problems v2', async () => {
    const facts = await resolveProblemFacts(notification(), client(V1_ONLY_TOKEN));
    assert.equal(facts.askedApi, 'v1');
    assert.equal(facts.startTime, NOW - 5 * 60_000);
    assert.deepEqual(
      new Set(facts.entities.map((entity) => entity.id)),
      new Set([productionWest.service, productionEast.service]),
    );
  });

  it('fails, naming both calls, when neither API knows the problem', async () => {
    await assert.rejects(
      resolveProblemFacts(notification({ problemId: '-1_1V2' }), client()),
      /Dynatrace GET \/api\/v2\/problems\/-1_1V2 failed with 404.*; the v1 fallback failed too: Dynatrace GET \/api\/v1\/problem\/details\/-1_1V2 failed with 404/,
    );
  });
});
