import assert from 'node:assert/strict';

import fc from 'fast-check';

import { TEST_NOTIFICATION_PID, TEST_NOTIFICATION_TITLE } from '../../lib/remediation';
import { classicReleaseScenario } from '../../sim/azure-devops';
import { type Problem } from '../../sim/dynatrace';
import { PROPERTY_SEED } from '../lib/monspec/monspec-test-kit';
import {
  classicDeployment,
  EAST,
  NOW,
  startSelfHealFixture,
  WEST,
  type SelfHealFixture,
} from '../selfheal-function/selfheal-fixture';
import { startAzurite, type AzuriteTables } from '../support/azurite';
import { type FixedAnswerServer, startFixedAnswerServer } from './support/fixed-answer-server';
import { recordUnhandledRejections, type RejectionRecorder } from './support/unhandled-rejections';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Payload = Record<string, Json>;

/** Answers an invalid notification may get; `remediated` (an action) and 500 (a crash) are not among them. */
const HARMLESS_ANSWERS = new Set([
  '200 ignored',
  '200 already-handled',
  '200 nothing-to-do',
  '200 escalated',
  '400 invalid-payload',
  '502 failed',
]);
/** Keys the parser reads (compared case-insensitively); noise never uses them. */
const MEANINGFUL_KEYS = new Set([
  'pid',
  'state',
  'problemid',
  'problemtitle',
  'problemurl',
  'impactedentities',
  'problemdetails',
  'problemdetailsjson',
  'problemdetailsjsonv2',
  'tags',
]);
/** Raw JSON number tokens JavaScript cannot hold exactly (or at all), spliced into the text as written. */
const HUGE_NUMBERS = [
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '0.0000000000000000000000001e-400',
];
const HUGE = (index: number): string => `@@huge-number-${index}@@`;

/** The JSON text of a payload, with the huge-number markers replaced by their raw tokens. */
function serialize(value: Json): string {
  return JSON.stringify(value).replace(
    /"@@huge-number-(\d)@@"/g,
    (_, index: string) => HUGE_NUMBERS[Number(index)] ?? '0',
  );
}

/** A copy of the payload without the keys `drop` matches (case-insensitively), at the top level. */
function without(payload: Payload, ...drop: string[]): Payload {
  const lower = new Set(drop.map((key) => key.toLowerCase()));
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !lower.has(key.toLowerCase())));
}

describe('resilience: fuzzing the self-healing webhook', () => {
  let azurite: AzuriteTables;
  let fixture: SelfHealFixture;
  let tower: FixedAnswerServer;
  let rejections: RejectionRecorder;
  /** P (EAST) is rolled back by a release redeploy; Q (WEST) by a call to the remediation action. */
  let problems: { rollback: Problem; action: Problem };

  /** The three payload templates users configure, filled in for a problem. */
  const templatesOf = (problem: Problem): Payload[] => {
    const original = fixture.payloadOf(problem) as Payload;
    const details: Payload = {
      problemId: problem.problemId,
      displayId: problem.displayId,
      title: problem.title,
      status: 'OPEN',
      startTime: problem.startTime,
      impactedEntities: problem.impactedEntityIds.map((id) => ({
        entityId: { id, type: 'SERVICE' },
        name: id,
      })),
      affectedEntities: [],
    };
    return [
      original,
      {
        ...original,
        ProblemURL: `${fixture.dt.url}/#problems`,
        ProblemDetailsJSONv2: details,
        Tags: 'app:x',
      },
      { ...without(original, 'ImpactedEntities'), ProblemDetails: details },
    ];
  };

  before(async () => {
    rejections = recordUnhandledRejections();
    azurite = await startAzurite();
    tower = await startFixedAnswerServer({ status: 201, contentType: 'application/json', body: '{"job":1}' });
    fixture = await startSelfHealFixture({
      azurite,
      scenario: classicReleaseScenario({
        now: NOW,
        releases: [
          { id: 4, productionStatus: 'succeeded' },
          { id: 5, productionStatus: 'succeeded' },
        ],
      }),
      settings: { REMEDIATION_ALLOWED_HOSTS: '127.0.0.1' },
    });
    fixture.addDeploymentEvent(EAST, classicDeployment(fixture.ado, 5), NOW - 30 * 60_000);
    fixture.addDeploymentEvent(
      WEST,
      classicDeployment(fixture.ado, 5, {
        remediationActionLink: `${tower.url}/api/v2/job_templates/7/launch/`,
      }),
      NOW - 30 * 60_000,
    );
    problems = { rollback: fixture.openProblem([EAST]), action: fixture.openProblem([WEST]) };
  });
  after(async () => {
    rejections.stop();
    await fixture.close();
    await tower.close();
    await azurite.close();
  });

  /** Every kind of answer the fuzz produced, e.g. `400 invalid-payload`. */
  const seen = new Map<string, number>();
  /** Sends one body and checks that nothing happened that an invalid notification may not cause. */
  const assertHarmless = async (body: string): Promise<void> => {
    const answer = await fixture.notify(body);
    const kind = `${answer.status} ${String(answer.body?.status)}`;
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
    assert.ok(
      HARMLESS_ANSWERS.has(kind),
      `answered ${answer.status} ${JSON.stringify(answer.body)} to ${body.slice(0, 300)}`,
    );
    assert.deepEqual(fixture.ado.requests, [], 'Azure DevOps was called');
    assert.deepEqual(tower.requests, [], 'the remediation action was called');
    for (const problem of Object.values(problems)) {
      assert.deepEqual(fixture.dt.state.commentsOf(problem.problemId), [], 'a real problem got a comment');
      assert.equal(
        await fixture.deps.store.readProblem(problem.problemId),
        undefined,
        'a real problem was claimed',
      );
    }
    assert.deepEqual(
      fixture.dt.requests.filter((request) => request.method === 'POST' && request.status === 201),
      [],
      'a comment was stored',
    );
  };

  const noiseKey = fc
    .string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
    // Upper-cased keys are tried too (ı and ſ upper-case to I and S), so both spellings must stay clear.
    .filter(
      (key) =>
        !MEANINGFUL_KEYS.has(key.toLowerCase()) &&
        !MEANINGFUL_KEYS.has(key.toUpperCase().toLowerCase()) &&
        !key.startsWith('__'),
    );
  const noiseValue: fc.Arbitrary<Json> = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
    fc.integer({ min: 0, max: HUGE_NUMBERS.length - 1 }).map(HUGE),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
  /** Extra fields that do not change what the payload means: unknown keys with odd values. */
  const noise = fc.dictionary(noiseKey, noiseValue, { maxKeys: 3 });
  /** Strings that are not a usable problem state: not OPEN (in any case or spacing) and not blank. */
  const notOpen = fc.oneof(
    fc.constantFrom('RESOLVED', 'resolved', 'CLOSED', 'MERGED', '{State}', 'OPEN.', 'OPENED', 'ÖPEN'),
    fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' }).filter((state) => {
      const trimmed = state.trim();
      return trimmed !== '' && trimmed.toUpperCase() !== 'OPEN';
    }),
  );
  /** Entity references that cannot lead to a deployment of ours: malformed, injected or unknown ids. */
  const strayEntities: fc.Arbitrary<Json> = fc.array(
    fc.record({
      type: fc.constantFrom('SERVICE', 'HOST', ''),
      name: fc.string({ maxLength: 20 }),
      entity: fc.oneof(
        fc.constantFrom(
          `${EAST}"),entityId("${WEST}`,
          `${EAST} `.repeat(3),
          'SERVICE-',
          '-1234',
          'SERVICE-0000000000000000',
          '{ImpactedEntities}',
        ),
        fc.string({ maxLength: 30, unit: 'grapheme' }),
      ),
    }),
    { maxLength: 4 },
  );
  /** A problem id Dynatrace does not know. */
  const unknownPid: fc.Arbitrary<Json> = fc.oneof(
    fc
      .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
      .filter((pid) => pid.trim() !== '' && !/^\{.*\}$/.test(pid.trim())),
    fc.integer({ min: 1 }),
    fc.constant(HUGE(2)),
  );

  /** Changes that each make a real template invalid, or point it at no problem at all. */
  const invalidating = (template: Payload): fc.Arbitrary<Payload> =>
    fc.oneof(
      fc.constant(without(template, 'PID', 'ProblemDetailsJSONv2', 'ProblemDetails')),
      fc
        .oneof(
          fc.constant<Json>(null),
          fc.boolean(),
          fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
          fc.constant<Json>({ id: template.PID ?? '' }),
          fc.constant<Json>('{PID}'),
          fc.constant(HUGE(0)),
        )
        // A null PID counts as absent, so the details' problem id must go as well.
        .map((pid) => ({ ...without(template, 'ProblemDetailsJSONv2', 'ProblemDetails'), PID: pid })),
      notOpen.map((state) => ({ ...template, State: state })),
      fc.constant(without(template, 'State', 'ProblemDetailsJSONv2', 'ProblemDetails')),
      fc
        .constantFrom(TEST_NOTIFICATION_TITLE, TEST_NOTIFICATION_TITLE.toUpperCase())
        .map((title) => ({ ...template, ProblemTitle: title })),
      fc.constant({ ...template, PID: TEST_NOTIFICATION_PID }),
      fc.tuple(unknownPid, strayEntities).map(([pid, entities]) => ({
        ...without(template, 'ProblemDetailsJSONv2', 'ProblemDetails'),
        PID: pid,
        ImpactedEntities: entities,
      })),
    );

  it('never crashes, never acts and never claims a real problem for invalid notifications', async () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.constantFrom(...HUGE_NUMBERS, '[', '{"PID":', '\uFEFF', 'null', '"OPEN"', '{"State":"OPEN","PID":}'),
      // Any strict prefix of a template is truncated JSON.
      fc.tuple(fc.constantFrom(0, 1, 2), fc.nat()).map(([index, at]) => {
        const text = serialize(templatesOf(problems.rollback)[index] ?? {});
        return text.slice(0, at % text.length);
      }),
    );
    const mutatedTemplates = fc
      .tuple(fc.constantFrom('rollback', 'action'), fc.constantFrom(0, 1, 2))
      .chain(([which, index]) => invalidating(templatesOf(problems[which])[index] ?? {}))
      .chain((payload) =>
        fc.tuple(noise, fc.boolean()).map(([extra, shout]) => {
          const noisy: Payload = { ...payload, ...extra };
          // Keys are matched case-insensitively, so upper-casing them all must change nothing.
          return serialize(
            shout ? Object.fromEntries(Object.entries(noisy).map(([k, v]) => [k.toUpperCase(), v])) : noisy,
          );
        }),
      );

    await fc.assert(fc.asyncProperty(fc.oneof(garbage, mutatedTemplates), assertHarmless), {
      seed: PROPERTY_SEED,
      numRuns: 300,
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(rejections.reasons, [], 'a promise was left to reject unhandled');
    for (const kind of ['400 invalid-payload', '200 ignored', '502 failed']) {
      assert.ok(seen.has(kind), `the fuzz never produced "${kind}": ${JSON.stringify([...seen])}`);
    }

    // The world was actionable all along: each untouched template acts, once.
    const rolledBack = await fixture.notify(serialize(templatesOf(problems.rollback)[0] ?? {}));
    assert.equal(rolledBack.body.status, 'remediated', JSON.stringify(rolledBack.body));
    assert.equal(fixture.changes().length, 1);
    const called = await fixture.notify(serialize(templatesOf(problems.action)[1] ?? {}));
    assert.equal(called.body.status, 'remediated', JSON.stringify(called.body));
    assert.equal(tower.requests.length, 1);
  });
});
