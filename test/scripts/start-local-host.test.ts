import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { gateCurlExample } from '../../scripts/local-host/gate-curl-example';

const repository = path.join(__dirname, '../..');
const DOCUMENTED_HOST = 'http://127.0.0.1:7071';

/** The README's curl example for the local gate. */
function documentedCurlExample(): string {
  const readme = readFileSync(path.join(repository, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]!.trimEnd());
  const example = blocks.find(
    (block) => block.startsWith('curl ') && block.includes(`${DOCUMENTED_HOST}/api/gate`),
  );
  return example ?? assert.fail('no curl example for the local gate in README.md');
}

describe('npm start (the local functions host as a command)', () => {
  let child: ChildProcess | undefined;
  let output = '';

  after(async () => {
    const running = child;
    if (running?.pid === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // npm runs the host in a child of its own; the whole process group is ours to stop.
    process.kill(-running.pid, 'SIGTERM');
    await exited;
  });

  it('documents the same request the host prints', () => {
    assert.equal(documentedCurlExample(), gateCurlExample(DOCUMENTED_HOST, { keyRequired: false }));
  });

  it('serves /api/gate on a fresh clone, and the README curl example returns a verdict', async () => {
    // A fresh clone: no Dynatrace settings, no function key, only what npm needs to run.
    const environment = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? repository };
    const started = spawn('npm', ['start', '--', '--port', '0'], {
      cwd: repository,
      env: environment,
      detached: true,
    });
    child = started;
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const ready = /ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (ready?.[1] !== undefined) resolve(ready[1]);
      };
      started.stdout.on('data', onData);
      started.stderr.on('data', onData);
      started.once('exit', (code) =>
        reject(new Error(`npm start exited with ${String(code)} before it was ready:\n${output}`)),
      );
    });
    assert.match(output, /gate-function\/gate: \[POST\] http:\/\/127\.0\.0\.1:\d+\/api\/gate/);
    assert.match(output, /Dynatrace: simulator at/);

    const command = documentedCurlExample().replace(DOCUMENTED_HOST, url);
    const { stdout } = await promisify(execFile)('bash', ['-c', command], { cwd: repository });
    const verdict = JSON.parse(stdout) as { status: string; summary: string; evaluationId: string };
    assert.equal(verdict.status, 'pass', verdict.summary);
    assert.match(verdict.evaluationId, /^[0-9a-f-]{36}$/);
  });
});
