import assert from 'node:assert/strict';

import { type GateCall, GateCallError, callGate } from '../../../scripts/demo/call-gate';
import { jsonReply, startStubServer, type StubServer, textReply } from '../../support/stub-server';
import { verdict } from './demo-fixtures';

const KEY = 'function-key-3f9a1c';

describe('callGate', () => {
  let gate: StubServer;
  let call: GateCall;

  before(async () => {
    gate = await startStubServer();
    call = {
      hostUrl: gate.url,
      functionKey: KEY,
      monspec: { SampleJSonService: {} },
      service: 'SampleJSonService',
      comparison: 'StagingToProduction',
      windowMinutes: 5,
      end: Date.UTC(2026, 0, 15, 12, 0, 0),
      context: { release: 'Release-1' },
    };
  });
  after(async () => {
    await gate.close();
  });
  beforeEach(() => gate.reset());

  it('asks POST /api/gate with the function key in x-functions-key and reads the verdict', async () => {
    const answer = verdict('StagingToProduction', 'fail');
    gate.reply(jsonReply(200, { ...answer, service: 'SampleJSonService', warnings: [], context: {} }));
    assert.deepEqual(await callGate(call), answer);
    const [request] = gate.requests;
    assert.equal(request?.path, '/api/gate');
    assert.equal(request?.headers['x-functions-key'], KEY);
    assert.deepEqual(JSON.parse(request?.body ?? ''), {
      monspec: { SampleJSonService: {} },
      service: 'SampleJSonService',
      comparison: 'StagingToProduction',
      window: 5,
      end: Date.UTC(2026, 0, 15, 12, 0, 0),
      context: { release: 'Release-1' },
    });
  });

  it("passes on the gate's own error message for an answer that is not a verdict", async () => {
    gate.reply(
      jsonReply(400, { status: 'error', error: { message: 'comparison: comparison "X" is not defined' } }),
    );
    await assert.rejects(
      callGate(call),
      (error: unknown) =>
        error instanceof GateCallError &&
        error.message ===
          'POST /api/gate (StagingToProduction) answered 400, expected 200 with a verdict: comparison: comparison "X" is not defined',
    );
    gate.reply(textReply(502, 'Bad gateway'));
    await assert.rejects(callGate(call), /answered 502, expected 200 with a verdict: Bad gateway/);
  });

  it('refuses a verdict it cannot read, naming the field', async () => {
    const good = verdict('StagingToProduction', 'pass');
    gate.reply(
      jsonReply(200, { ...good, status: 'maybe' }),
      jsonReply(200, { ...good, markdown: 7 }),
      jsonReply(200, { ...good, results: [{ ...good.results[0], status: 'fine' }] }),
      jsonReply(200, { ...good, source: null }),
    );
    await assert.rejects(callGate(call), /status is "maybe", expected pass, warning or fail/);
    await assert.rejects(callGate(call), /markdown is 7, expected a string/);
    await assert.rejects(
      callGate(call),
      /results\[0\]\.status is "fine", expected pass, violation or nodata/,
    );
    await assert.rejects(callGate(call), /source\.environment is undefined, expected a string/);
  });

  it('names the request, never the key, when the gate cannot be reached', async () => {
    const gone = await startStubServer();
    await gone.close();
    await assert.rejects(callGate({ ...call, hostUrl: gone.url }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, new RegExp(`^POST ${gone.url}/api/gate failed: .*ECONNREFUSED`));
      assert.ok(!error.message.includes(KEY));
      return true;
    });
  });
});
