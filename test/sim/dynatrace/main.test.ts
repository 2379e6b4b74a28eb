import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'sim', 'dynatrace', 'main.ts');

function start(args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args], { cwd: ROOT });
}

/**
 * Resolves with stdout once `pattern` appears in it. Listens rather than iterating the stream: ending an
 * async iteration early destroys the pipe, and the child's next line would then fail with EPIPE.
 */
function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += String(chunk);
      if (pattern.test(output)) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(output);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', () =>
      reject(new Error(`the command ended before printing ${String(pattern)}; output: ${output}`)),
    );
  });
}

describe('sim/dynatrace/main.ts (npm run sim:dynatrace)', function () {
  this.timeout(30_000);

  it('serves the API and the control API, and stops cleanly on SIGTERM', async () => {
    const child = start(['--port', '0']);
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += String(chunk)));
    const exited = once(child, 'exit');
    try {
      const output = await waitForOutput(child, /Stop with Ctrl\+C\./);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
      const token = /API token: (\S+)/.exec(output)?.[1] ?? '';
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const deployed = await fetch(`${url}/_sim/deployments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ environment: 'Staging', build: 2 }),
      });
      assert.equal(deployed.status, 201);
      const entities = await fetch(`${url}/api/v2/entities?entitySelector=type(HOST)`, {
        headers: { Authorization: `Api-Token ${token}` },
      });
      assert.equal(entities.status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = await exited;
    assert.equal(signal, null, 'the process ends by itself, not by the signal');
    assert.equal(code, 0, `exit code ${String(code)}; stderr: ${errors}`);
  });

  it('exits with 2 and a message for a bad option', async () => {
    const child = start(['--port', 'x']);
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += String(chunk)));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(errors, /sim:dynatrace: --port expects an integer from 0 to 65535, found "x"/);
  });
});
