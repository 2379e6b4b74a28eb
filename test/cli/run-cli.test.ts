import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { type CliIo } from '../../cli/cli-io';
import { ExitCode } from '../../cli/exit-code';
import { runCli } from '../../cli/run-cli';

const fixtures = path.join(__dirname, '../fixtures/monspec');

function capture(env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    env,
    now: () => Date.UTC(2026, 10, 22, 12),
    readFile: (file) => readFile(file, 'utf8'),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    out,
    err,
  };
}

describe('runCli', () => {
  it('prints usage on --help and exits 0', async () => {
    const io = capture();
    assert.equal(await runCli(['--help'], io), ExitCode.pass);
    assert.match(io.out.join(''), /unbreakable evaluate --monspec <file>/);
  });

  it('prints usage to stderr and exits 2 without a command', async () => {
    const io = capture();
    assert.equal(await runCli([], io), ExitCode.usage);
    assert.match(io.err.join(''), /Usage:/);
  });

  it('rejects an unknown command', async () => {
    const io = capture();
    assert.equal(await runCli(['deploy'], io), ExitCode.usage);
    assert.match(io.err.join(''), /unknown command "deploy"/);
  });

  describe('monspec validate', () => {
    it('summarises a valid monspec', async () => {
      const io = capture();
      const file = path.join(fixtures, 'seed-002-sample-app.jsonc');
      assert.equal(await runCli(['monspec', 'validate', file], io), ExitCode.pass);
      assert.match(
        io.out.join(''),
        /is valid: SampleJSonService \(SERVICE\): 2 environments, 3 comparisons, 4 metrics/,
      );
    });

    it('lists every error with its JSON path and exits 2', async () => {
      const io = capture();
      const file = path.join(fixtures, 'aws-full-with-unsupported.json');
      assert.equal(await runCli(['monspec', 'validate', file], io), ExitCode.usage);
      const errors = io.err.join('');
      assert.match(errors, /SampleJSonService\.perfsignature\[4\]\.smartscape: /);
      assert.match(errors, /SampleJSonService\.servicemethods: /);
    });

    it('names a file it cannot read', async () => {
      const io = capture();
      assert.equal(await runCli(['monspec', 'validate', '/nonexistent/monspec.json'], io), ExitCode.usage);
      assert.match(io.err.join(''), /cannot read \/nonexistent\/monspec\.json \(ENOENT\)/);
    });
  });

  describe('evaluate', () => {
    const base = ['evaluate', '--monspec', path.join(fixtures, 'vsts-style.json')];
    const env = { DT_URL: 'https://abc12345.live.dynatrace.com', DT_API_TOKEN: 'dt0c01.SECRET' };

    it('requires DT_URL and DT_API_TOKEN', async () => {
      const io = capture();
      assert.equal(await runCli([...base, '--service', 's', '--comparison', 'c'], io), ExitCode.usage);
      assert.match(io.err.join(''), /DT_URL is not set/);
    });

    it('requires --service and --comparison', async () => {
      const io = capture(env);
      assert.equal(await runCli([...base, '--comparison', 'c'], io), ExitCode.usage);
      assert.match(io.err.join(''), /--service is required/);
    });

    for (const [flag, value, message] of [
      ['--window', '0', /--window must be a number greater than 0, found "0"/],
      ['--end', 'yesterday', /--end must be "now", epoch milliseconds or an ISO 8601 time/],
      ['--on-missing-source', 'ignore', /--on-missing-source must be one of fail, warn, pass/],
      ['--api', 'v3', /--api must be v2 or v1/],
    ] as const) {
      it(`rejects ${flag} ${value}`, async () => {
        const io = capture(env);
        assert.equal(
          await runCli([...base, '--service', 's', '--comparison', 'c', flag, value], io),
          ExitCode.usage,
        );
        assert.match(io.err.join(''), message);
      });
    }

    it('names an unknown service with the defined ones', async () => {
      const io = capture(env);
      assert.equal(await runCli([...base, '--service', 'Nope', '--comparison', 'c'], io), ExitCode.usage);
      assert.match(io.err.join(''), /error service: .*SampleJSonService/);
    });

    it('rejects a plain-http Dynatrace URL naming DT_URL', async () => {
      const io = capture({ ...env, DT_URL: 'http://dynatrace.example.com' });
      assert.equal(await runCli([...base, '--service', 's', '--comparison', 'c'], io), ExitCode.usage);
      assert.match(io.err.join(''), /DT_URL: .*must use https/);
    });
  });
});
