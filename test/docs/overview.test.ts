import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { parseMonspec } from '../../lib/monspec';
import { parseProblemNotification } from '../../lib/remediation';

const ROOT = path.join(__dirname, '../..');
const overview = readFileSync(path.join(ROOT, 'overview.md'), 'utf8');
const run = promisify(execFile);

function codeBlocks(language: string): string[] {
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  return [...overview.matchAll(fence)].map((match) => match[1] ?? '');
}

/** PNG signature and IHDR dimensions, or undefined when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') {
    return undefined;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** What Dynatrace's custom integration puts in place of each placeholder (api-facts §A.8). */
const SAMPLE_PLACEHOLDERS: Readonly<Record<string, string>> = {
  State: 'OPEN',
  PID: '-6478017825120311599_1641223491837V2',
  ProblemID: 'P-22013994',
  ProblemTitle: 'Failure rate increase',
  ProblemURL:
    'https://abc12345.live.dynatrace.com/#problems/problemdetails;pid=-6478017825120311599_1641223491837V2',
  ImpactedEntities: '[{"type":"SERVICE","name":"SampleNodeJsService","entity":"SERVICE-8D4E1F2A3B5C6071"}]',
  ProblemDetailsJSONv2:
    '{"problemId":"-6478017825120311599_1641223491837V2","displayId":"P-22013994","status":"OPEN","startTime":1641223491837,"impactedEntities":[{"entityId":{"id":"SERVICE-8D4E1F2A3B5C6071","type":"SERVICE"},"name":"SampleNodeJsService"}]}',
  Tags: 'DeploymentGroup:Production, app:SampleNodeJsService',
};

interface TaskJson {
  name: string;
  version: { Major: number };
  inputs: { name: string }[];
}
const tasks: TaskJson[] = ['push-deployment-event', 'quality-gate'].map(
  (folder) => JSON.parse(readFileSync(path.join(ROOT, 'tasks', folder, 'task.json'), 'utf8')) as TaskJson,
);

describe('overview.md (the marketplace page)', () => {
  it('references only images that exist and are PNGs', () => {
    const images = [...overview.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image}: the marketplace page ships its images in the .vsix`);
      const size = pngSize(readFileSync(path.join(ROOT, image)));
      assert.ok(size && size.width > 0 && size.height > 0, `${image} is not a PNG`);
    }
  });

  it('shows monspec examples that validate without warnings', () => {
    const examples = codeBlocks('jsonc');
    assert.ok(examples.length > 0);
    for (const example of examples) assert.deepEqual(parseMonspec(example).warnings, []);
  });

  it('shows a webhook payload that self-healing reads once Dynatrace fills it in', () => {
    const [template] = codeBlocks('json');
    assert.ok(template);
    const payload = template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = SAMPLE_PLACEHOLDERS[name];
      assert.ok(value !== undefined, `unknown placeholder ${placeholder}`);
      return value;
    });
    const notification = parseProblemNotification(payload);
    assert.equal(notification.state, 'OPEN');
    assert.equal(notification.displayId, 'P-22013994');
    assert.deepEqual(
      notification.entities.map((entity) => entity.id),
      ['SERVICE-8D4E1F2A3B5C6071'],
    );
    assert.equal(notification.startTime, 1641223491837);
  });

  it('uses real task names and inputs in its YAML examples', () => {
    for (const block of codeBlocks('yaml')) {
      const lines = block.split('\n');
      const taskLine = lines.findIndex((line) => /- task: /.test(line));
      const reference = /- task: (\w+)@(\d+)/.exec(lines[taskLine] ?? '');
      assert.ok(reference, `no task in\n${block}`);
      const task = tasks.find((candidate) => candidate.name === reference[1]);
      assert.ok(task, `unknown task ${reference[1]}`);
      assert.equal(String(task.version.Major), reference[2]);
      const inputsLine = lines.findIndex((line, index) => index > taskLine && /^\s*inputs:\s*$/.test(line));
      const indent = /^\s*/.exec(lines[inputsLine + 1] ?? '')?.[0].length ?? 0;
      for (const line of lines.slice(inputsLine + 1)) {
        const input = new RegExp(`^\\s{${indent}}(\\w+):`).exec(line)?.[1];
        if (input !== undefined) {
          assert.ok(
            task.inputs.some((candidate) => candidate.name === input),
            `${task.name} has no input ${input}`,
          );
        }
      }
    }
  });

  describe('shows only commands that work', function () {
    this.timeout(120_000);
    const commands = codeBlocks('bash').flatMap((block) =>
      block.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#')),
    );
    const checks: Readonly<Record<string, () => Promise<void>>> = {
      // This suite runs inside `npm ci && npm test`; reaching this line is the proof.
      'npm ci && npm test': () => Promise.resolve(),
      'npm ci && npm run package': async () => {
        const { stdout } = await run('npm', ['run', 'package'], { cwd: ROOT });
        assert.match(stdout, /out\/package\/gate-function\.zip/);
        assert.match(stdout, /out\/package\/selfheal-function\.zip/);
      },
      'npx unbreakable monspec validate monspec.json': async () => {
        const folder = path.join(ROOT, 'out', 'overview-commands');
        await mkdir(folder, { recursive: true });
        try {
          await writeFile(path.join(folder, 'monspec.json'), codeBlocks('jsonc')[0] ?? '');
          const { stdout } = await run('npx', ['unbreakable', 'monspec', 'validate', 'monspec.json'], {
            cwd: folder,
          });
          assert.match(stdout, /monspec\.json is valid/);
        } finally {
          await rm(folder, { recursive: true, force: true });
        }
      },
    };

    it('shows at least one command', () => {
      assert.ok(commands.length > 0);
    });

    for (const command of commands) {
      it(`runs: ${command}`, async () => {
        const check = checks[command.trim()];
        assert.ok(check, `overview.md shows a command this test does not know how to run: ${command}`);
        await check();
      });
    }
  });
});
