import assert from 'node:assert/strict';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { gate } from '../../../../gate-function/src/functions/gate';
import { GATE_SETTING_NAMES } from '../../../../gate-function/src/gate-settings';
import { type DynatraceSimulator, startDynatraceSimulator } from '../../../../sim/dynatrace';

const MONSPEC = {
  SampleJSonService: {
    environments: {
      Staging: { tags: [{ key: 'DeploymentGroup', value: 'Staging' }] },
      Production: { tags: [{ key: 'DeploymentGroup', value: 'Production' }] },
    },
    comparisons: [{ name: 'StagingToProduction', source: 'Staging', compare: 'Production' }],
    perfsignature: [{ timeseries: 'com.dynatrace.builtin:service.failurerate', aggregate: 'avg' }],
  },
};

describe('gate (the registered function)', () => {
  let sim: DynatraceSimulator;
  const saved = new Map<string, string | undefined>();

  before(async () => {
    sim = await startDynatraceSimulator();
    for (const name of GATE_SETTING_NAMES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
  });

  after(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await sim.close();
  });

  interface Answer {
    readonly status: number | undefined;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary answer fields
    readonly body: any;
    readonly logs: string[];
  }

  async function call(): Promise<Answer> {
    const logs: string[] = [];
    const context = new InvocationContext({
      functionName: 'gate',
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    });
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/gate',
      headers: { 'content-type': 'application/json' },
      body: {
        string: JSON.stringify({
          monspec: MONSPEC,
          service: 'SampleJSonService',
          comparison: 'StagingToProduction',
        }),
      },
    });
    const response = await gate(request, context);
    return { status: response.status, body: response.jsonBody, logs };
  }

  it('answers 500 naming the missing settings while the app is not configured', async () => {
    const { status, body, logs } = await call();
    assert.equal(status, 500);
    assert.equal(body.status, 'error');
    assert.match(body.error.message, /misconfigured: DT_URL: is not set.*; DT_API_TOKEN: is not set/);
    assert.match(logs.join('\n'), /DT_URL: is not set/);
  });

  it('evaluates with the settings from the environment once they are there', async () => {
    process.env.DT_URL = sim.url;
    process.env.DT_API_TOKEN = sim.token;
    const { status, body } = await call();
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.status, 'pass');
  });
});
