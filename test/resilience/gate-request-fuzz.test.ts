import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';

import { GATE_REQUEST_FIELDS } from '../../gate-function/src/read-gate-request';
import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../sim/dynatrace';
import { PROPERTY_SEED } from '../lib/monspec/monspec-test-kit';
import { createFakeClock } from '../support/fake-clock';
import { callGate, createGateUnderTest } from './support/gate-harness';
import { recordUnhandledRejections, type RejectionRecorder } from './support/unhandled-rejections';

const SEED_MONSPEC = readFileSync(
  path.join(__dirname, '../fixtures/monspec/seed-002-sample-app.jsonc'),
  'utf8',
);
const START = Date.UTC(2026, 0, 15, 12, 0, 0);
const VALID: Readonly<Record<string, unknown>> = {
  monspec: SEED_MONSPEC,
  service: 'SampleJSonService',
  comparison: 'StagingToProduction',
  window: 5,
  end: START - 60_000,
  onmissingsource: 'fail',
  context: { release: 'Release-5' },
};
/** Answers the gate may give: a verdict, a refused request, or Dynatrace failing. Never 500. */
const EXPECTED_STATUSES = new Set([200, 400, 413, 415, 502, 504]);
const HUGE_NUMBERS = ['1e400', '-1e400', '123456789012345678901234567890', '-0', '5e-324'];

/** A request body and the headers it is sent with. */
interface FuzzedRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const asJson = (body: string): FuzzedRequest => ({ body, headers: { 'content-type': 'application/json' } });

/** A value for a field: what a careless script or a broken template might send. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('$(monspecUrl)', '$(System.AccessToken)', 'now', 'NOW ', '', ' ', '5', '0', '-5', '1441'),
  fc.constantFrom(
    '2026-01-15T11:00:00Z',
    '2026-13-45T99:99:99Z',
    '2999-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
  ),
  fc.double(),
  fc.integer(),
);

/** A field name: one the gate knows, in any case, or anything else. */
const fieldName = fc.oneof(
  fc.constantFrom(...GATE_REQUEST_FIELDS),
  fc.constantFrom(...GATE_REQUEST_FIELDS).map((name) => name.toUpperCase()),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Valid requests in their many spellings: field names in any case, optional fields left out or given as text. */
const validJsonRequests: fc.Arbitrary<FuzzedRequest> = fc
  .record({
    optional: fc.subarray(['window', 'end', 'onmissingsource', 'context']),
    caseOf: fc.func(fc.constantFrom('lower', 'upper', 'as-is')),
    windowAsText: fc.boolean(),
  })
  .map(({ optional, caseOf, windowAsText }) => {
    const fields = Object.entries(VALID).filter(
      ([name]) => ['monspec', 'service', 'comparison'].includes(name) || optional.includes(name),
    );
    return asJson(
      JSON.stringify(
        Object.fromEntries(
          fields.map(([name, value]) => {
            const spelling = caseOf(name);
            const key =
              spelling === 'lower' ? name.toLowerCase() : spelling === 'upper' ? name.toUpperCase() : name;
            return [key, name === 'window' && windowAsText ? ` ${String(value)} ` : value];
          }),
        ),
      ),
    );
  });

/** JSON bodies: anything at all, objects with the gate's field names, and valid requests with fields broken. */
const jsonRequests: fc.Arbitrary<FuzzedRequest> = fc.oneof(
  validJsonRequests,
  fc.jsonValue().map((value) => asJson(JSON.stringify(value))),
  fc.dictionary(fieldName, oddValue, { maxKeys: 6 }).map((fields) => asJson(JSON.stringify(fields))),
  fc
    .tuple(
      fc.subarray(Object.keys(VALID), { minLength: 1 }),
      fc.dictionary(fc.constantFrom(...Object.keys(VALID)), oddValue, { maxKeys: 3 }),
    )
    .map(([kept, replaced]) => {
      const fields = Object.fromEntries(kept.map((name) => [name, VALID[name]]));
      return asJson(JSON.stringify({ ...fields, ...replaced }));
    }),
  // Numbers no double can hold, written into the text as they would arrive.
  fc
    .tuple(fc.constantFrom('window', 'end', 'service', 'monspec'), fc.constantFrom(...HUGE_NUMBERS))
    .map(([field, number]) =>
      asJson(JSON.stringify({ ...VALID, [field]: '@@number@@' }).replace('"@@number@@"', number)),
    ),
  fc.string({ unit: 'binary', maxLength: 200 }).map(asJson),
  fc.nat().map((at) => {
    const text = JSON.stringify(VALID);
    return asJson(text.slice(0, at % text.length));
  }),
);

/** One multipart part, the way the quality-gate task's body template writes it. */
const part = (boundary: string, name: string, value: string): string =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

/** Multipart bodies: broken forms, odd boundaries and values, truncated and mislabelled bodies. */
const formRequests: fc.Arbitrary<FuzzedRequest> = fc
  .record({
    boundary: fc.oneof(
      fc.constantFrom('gate-boundary-1', '----WebKitFormBoundary7MA4YWxkTrZu0gW', "a'()+_,-./:=?", 'x'),
      fc.string({ minLength: 0, maxLength: 80 }),
    ),
    declaredBoundary: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    fields: fc.array(
      fc.tuple(
        fieldName,
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.constantFrom(
            SEED_MONSPEC,
            'SampleJSonService',
            'StagingToProduction',
            '5',
            'now',
            '--gate-boundary-1',
          ),
          fc.string({ unit: fc.constantFrom('\r', '\n', '-', '"', '\\', 'a', ' '), maxLength: 30 }),
        ),
      ),
      { maxLength: 7 },
    ),
    closed: fc.boolean(),
    lineBreak: fc.constantFrom('\r\n', '\n'),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ boundary, declaredBoundary, fields, closed, lineBreak, cut }) => {
    let body =
      fields.map(([name, value]) => part(boundary, name, value)).join('') +
      (closed ? `--${boundary}--\r\n` : '');
    if (lineBreak === '\n') body = body.replaceAll('\r\n', '\n');
    if (cut !== undefined) body = body.slice(0, cut % (body.length + 1));
    const header =
      declaredBoundary === undefined
        ? `multipart/form-data; boundary=${boundary}`
        : `multipart/form-data; boundary="${declaredBoundary}"`;
    return { body, headers: { 'content-type': header } };
  });

/** Bodies under a Content-Type the gate does not take, or none. */
const otherMediaTypes: fc.Arbitrary<FuzzedRequest> = fc
  .tuple(
    fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/mixed',
      '',
    ),
    fc.string({ maxLength: 60 }),
  )
  .map(([contentType, body]): FuzzedRequest => ({
    body,
    headers: contentType === '' ? {} : { 'content-type': contentType },
  }));

describe('resilience: fuzzing gate requests', () => {
  let sim: DynatraceSimulator;
  let rejections: RejectionRecorder;

  before(async () => {
    rejections = recordUnhandledRejections();
    sim = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: START }), now: () => START });
  });
  after(async () => {
    rejections.stop();
    await sim.close();
  });

  // Found by this fuzz: an end so early that a window would start before 1970 used to reach the Dynatrace
  // client, whose RangeError became a 500.
  for (const [end, comparison] of [
    [0, 'StagingToProduction'],
    [-0, 'StagingToProduction'],
    [3_600_000, 'StagingToProductionYesterday'],
  ] as const) {
    it(`answers 400 naming "end" when ${comparison} ending at ${Object.is(end, -0) ? '-0' : end} would start before 1970`, async () => {
      const gate = createGateUnderTest({
        dynatraceUrl: sim.url,
        dynatraceToken: sim.token,
        clock: createFakeClock(START),
      });
      const before = sim.requests.length;

      const call = await callGate(gate, { ...VALID, comparison, end });

      assert.equal(call.status, 400, JSON.stringify(call.body));
      assert.equal(call.body.error.path, 'end');
      assert.match(
        call.body.error.message,
        /^end: the (source|compare) window .* would start before 1970-01-01T00:00:00Z/,
      );
      assert.equal(sim.requests.length, before);
    });
  }

  it('answers every request with a verdict or a 4xx/502/504, never a 500, and refuses before calling Dynatrace', async () => {
    const seen = new Set<number>();
    const gate = createGateUnderTest({
      dynatraceUrl: sim.url,
      dynatraceToken: sim.token,
      clock: createFakeClock(START),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonRequests, formRequests, otherMediaTypes), async ({ body, headers }) => {
        const before = sim.requests.length;

        const call = await callGate(gate, body, headers);

        seen.add(call.status);
        assert.ok(
          EXPECTED_STATUSES.has(call.status),
          `answered ${call.status}: ${JSON.stringify(call.body)}`,
        );
        assert.ok(!call.everything.includes(sim.token), 'the Dynatrace token leaked');
        if (call.status === 200) {
          assert.ok(['pass', 'warning', 'fail'].includes(call.body.status), JSON.stringify(call.body));
        } else {
          assert.equal(call.body.status, 'error');
          assert.equal(typeof call.body.error.message, 'string');
        }
        if (call.status >= 400 && call.status < 500) {
          assert.equal(sim.requests.length, before, 'Dynatrace was queried for a request that was refused');
        }
      }),
      { seed: PROPERTY_SEED, numRuns: 400 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(rejections.reasons, [], 'a promise was left to reject unhandled');
    for (const status of [200, 400, 415]) {
      assert.ok(seen.has(status), `the fuzz never produced ${status}: ${[...seen].join(', ')}`);
    }
  });
});
