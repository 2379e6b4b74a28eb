import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { selfheal } from '../../../../selfheal-function/src/functions/selfheal';
import { SETTING_NAMES } from '../../../../selfheal-function/src/selfheal-settings';

describe('selfheal (the registered function)', () => {
  const saved = new Map<string, string | undefined>();
  before(() => {
    for (const name of SETTING_NAMES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    process.env['DT_API_TOKEN'] = 'dt0c01.NOT.LEAKED';
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('answers 500 naming the missing settings, never their values, when the app is not configured', async () => {
    const logs: string[] = [];
    const response = await selfheal(
      new HttpRequest({ method: 'POST', url: 'http://localhost/api/selfheal', body: { string: '{}' } }),
      new InvocationContext({
        functionName: 'selfheal',
        logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')),
      }),
    );
    assert.equal(response.status, 500);
    const body = response.jsonBody as { status: string; message: string };
    assert.equal(body.status, 'misconfigured');
    assert.match(
      body.message,
      /^The self-healing function is misconfigured: DT_URL is missing; .*AzureWebJobsStorage is missing/,
    );
    assert.ok(!JSON.stringify(body).includes('dt0c01.NOT.LEAKED'));
    assert.deepEqual(logs, [body.message]);
  });
});
