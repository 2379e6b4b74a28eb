import assert from 'node:assert/strict';

import {
  UsageError,
  parseSimulatorArguments,
  runSimulatorCommand,
} from '../../../sim/dynatrace/run-simulator-command';

describe('parseSimulatorArguments', () => {
  it('defaults to 127.0.0.1:8021', () => {
    assert.deepEqual(parseSimulatorArguments([]), { host: '127.0.0.1', port: 8021 });
  });

  it('reads every option, with a space or = before the value', () => {
    assert.deepEqual(
      parseSimulatorArguments(['--port', '0', '--host=::1', '--token', 'dt0c01.X', '--rate-limit=5']),
      {
        host: '::1',
        port: 0,
        token: 'dt0c01.X',
        rateLimitPerMinute: 5,
      },
    );
  });

  it('asks for help with --help or -h', () => {
    assert.equal(parseSimulatorArguments(['--help']), undefined);
    assert.equal(parseSimulatorArguments(['-h']), undefined);
  });

  for (const [argv, message] of [
    [['--port', '70000'], /--port expects an integer from 0 to 65535, found "70000"/],
    [['--port'], /--port needs a value/],
    [['--rate-limit', '0'], /--rate-limit expects an integer from 1/],
    [['--verbose'], /unknown option "--verbose"/],
  ] as const) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(
        () => parseSimulatorArguments(argv),
        (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

describe('runSimulatorCommand', () => {
  it('starts the sample app with the control API and prints URL and token', async () => {
    const lines: string[] = [];
    const simulator = await runSimulatorCommand(['--port', '0', '--token', 'dt0c01.DEMO'], (line) =>
      lines.push(line),
    );
    assert.ok(simulator);
    try {
      assert.equal(simulator.token, 'dt0c01.DEMO');
      assert.equal(lines[0], `Dynatrace simulator (sample app scenario) listening on ${simulator.url}`);
      assert.equal(lines[1], 'API token: dt0c01.DEMO');
      const control = await fetch(`${simulator.url}/_sim/requests`);
      assert.equal(control.status, 200);
      const api = await fetch(`${simulator.url}/api/v2/entities?entitySelector=type(SERVICE)`, {
        headers: { Authorization: 'Api-Token dt0c01.DEMO' },
      });
      assert.equal(((await api.json()) as { totalCount: number }).totalCount, 3);
    } finally {
      await simulator.close();
    }
  });

  it('prints the usage for --help and starts nothing', async () => {
    const lines: string[] = [];
    assert.equal(await runSimulatorCommand(['--help'], (line) => lines.push(line)), undefined);
    assert.match(lines[0] ?? '', /^Usage: npm run sim:dynatrace -- \[--port <n>\]/);
  });

  it('applies the rate limit option', async () => {
    const simulator = await runSimulatorCommand(['--port', '0', '--rate-limit', '7'], () => undefined);
    try {
      const answer = await fetch(`${simulator?.url ?? ''}/api/v2/problems`);
      assert.equal(answer.headers.get('x-ratelimit-limit'), '7');
    } finally {
      await simulator?.close();
    }
  });
});
