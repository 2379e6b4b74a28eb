import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import JSZip from 'jszip';

import { type ExtensionPackage, packageExtension } from '../../../scripts/packaging/package-extension';
import { type FunctionAppPackage, packageFunctionApp } from '../../../scripts/packaging/package-function-app';

const ROOT = path.join(__dirname, '../../..');
const MAX_VSIX_BYTES = 1024 * 1024;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TaskJson {
  id: string;
  name: string;
  version: { Major: number; Minor: number; Patch: number };
  inputs: { name: string; label?: string; helpMarkDown?: string }[];
  execution: Record<string, { target?: string }>;
}
interface Contribution {
  id: string;
  type: string;
  properties: Record<string, unknown> & { name?: string };
}

describe('npm run package', function () {
  this.timeout(120_000);
  let out: string;
  let extension: ExtensionPackage;
  let vsix: JSZip;
  let apps: FunctionAppPackage[];
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'vss-extension.json'), 'utf8')) as {
    contributions: Contribution[];
    files: { path: string }[];
  };
  const taskDirs = manifest.contributions
    .filter((c) => c.type === 'ms.vss-distributed-task.task')
    .map((c) => c.properties.name ?? '');

  before(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'unbreakable-package-'));
    extension = await packageExtension(ROOT, out);
    vsix = await JSZip.loadAsync(await readFile(extension.vsixPath));
    const appNames = (await readdir(ROOT)).filter((name) => name.endsWith('-function')).sort();
    apps = [];
    for (const app of appNames) apps.push(await packageFunctionApp(ROOT, app, out));
  });

  after(async () => {
    await rm(out, { recursive: true, force: true });
  });

  const files = (): string[] =>
    Object.values(vsix.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort();
  const taskJsonIn = async (taskDir: string): Promise<TaskJson> =>
    JSON.parse((await vsix.file(`${taskDir}/task.json`)?.async('string')) ?? 'null') as TaskJson;

  describe('the .vsix', () => {
    it('is under 1 MB', () => {
      assert.ok(extension.vsixBytes < MAX_VSIX_BYTES, `${extension.vsixBytes} bytes`);
    });

    it('holds per task folder only task.json, the icon and (for agent tasks) the bundle', async () => {
      for (const taskDir of taskDirs) {
        const task = await taskJsonIn(taskDir);
        const targets = Object.values(task.execution)
          .map((handler) => handler.target)
          .filter((target): target is string => target !== undefined);
        const expected = ['icon.png', 'task.json', ...targets].map((name) => `${taskDir}/${name}`).sort();
        assert.deepEqual(
          files().filter((name) => name.startsWith(`${taskDir}/`)),
          expected,
        );
      }
    });

    it('ships no sources, tests, source maps or node_modules anywhere', () => {
      for (const name of files()) {
        assert.doesNotMatch(name, /node_modules|(^|\/)src\/|(^|\/)test\/|\.ts$|\.map$/, name);
      }
    });

    it('contains the marketplace page and every image the manifest or page references', async () => {
      const page = (await vsix.file('overview.md')?.async('string')) ?? '';
      assert.equal(page, await readFile(path.join(ROOT, 'overview.md'), 'utf8'));
      for (const image of [...page.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '')) {
        if (!/^[a-z]+:/i.test(image))
          assert.ok(vsix.file(image.replace(/^\.\//, '')), `${image} is not in the .vsix`);
      }
      assert.ok(vsix.file('images/extension-icon.png'));
    });
  });

  describe('the manifest and the task.json files', () => {
    it('contributes only folders that exist and are listed in files', async () => {
      for (const taskDir of taskDirs) {
        await readFile(path.join(ROOT, taskDir, 'task.json'));
        assert.ok(
          manifest.files.some((file) => file.path === taskDir),
          `${taskDir} is not in vss-extension.json files`,
        );
      }
    });

    it('ships each task.json unchanged', async () => {
      for (const taskDir of taskDirs) {
        const source = JSON.parse(await readFile(path.join(ROOT, taskDir, 'task.json'), 'utf8')) as TaskJson;
        assert.deepEqual(await taskJsonIn(taskDir), source);
      }
    });

    it('gives every task a unique GUID id and a unique name', async () => {
      const tasks = await Promise.all(taskDirs.map(taskJsonIn));
      for (const task of tasks) assert.match(task.id, GUID);
      assert.equal(new Set(tasks.map((task) => task.id.toLowerCase())).size, tasks.length);
      assert.equal(new Set(tasks.map((task) => task.name)).size, tasks.length);
    });

    it('documents each task as <name>@<major version> in the README', async () => {
      const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
      for (const task of await Promise.all(taskDirs.map(taskJsonIn))) {
        assert.ok(
          readme.includes(`${task.name}@${task.version.Major}`),
          `${task.name}@${task.version.Major}`,
        );
      }
    });

    it('gives every input a label and help text', async () => {
      for (const task of await Promise.all(taskDirs.map(taskJsonIn))) {
        for (const input of task.inputs) {
          assert.ok(input.label?.trim(), `${task.name}.${input.name} has no label`);
          assert.ok(input.helpMarkDown?.trim(), `${task.name}.${input.name} has no helpMarkDown`);
        }
      }
    });

    it('references only service connection types the extension contributes or Azure DevOps provides', async () => {
      const contributed = manifest.contributions
        .filter((c) => c.type === 'ms.vss-endpoint.service-endpoint-type')
        .map((c) => c.properties.name);
      for (const task of await Promise.all(taskDirs.map(taskJsonIn))) {
        for (const input of task.inputs as { name: string; type?: string }[]) {
          const type = /^connectedService:(.+)$/.exec(input.type ?? '')?.[1];
          if (type !== undefined)
            assert.ok(contributed.includes(type), `${task.name}.${input.name}: ${type}`);
        }
      }
    });

    it('declares the Dynatrace connection with a confidential API token sent as Api-Token', () => {
      const endpoint = manifest.contributions.find((c) => c.properties.name === 'dynatrace');
      const scheme = (
        endpoint?.properties.authenticationSchemes as Record<string, unknown>[] | undefined
      )?.[0];
      assert.deepEqual(scheme?.headers, [
        { name: 'Authorization', value: 'Api-Token {{endpoint.apitoken}}' },
      ]);
      const input = (scheme?.inputDescriptors as Record<string, unknown>[] | undefined)?.[0];
      assert.equal(input?.id, 'apitoken');
      assert.equal(input?.isConfidential, true);
    });
  });

  describe('the function app zips', () => {
    it('load from an empty folder and register one function per src/functions file', async () => {
      for (const app of apps) {
        const folder = path.join(out, `unpacked-${app.app}`);
        const zip = await JSZip.loadAsync(await readFile(app.zipPath));
        for (const entry of Object.values(zip.files)) {
          if (entry.dir) continue;
          const target = path.join(folder, entry.name);
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, await entry.async('nodebuffer'));
        }
        assert.deepEqual(
          (await readdir(path.join(folder, 'node_modules', '@azure'))).sort(),
          ['functions', 'functions-extensions-base'],
          'only @azure/functions and what it needs are installed',
        );
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--require', path.join(__dirname, 'record-registrations.cjs'), '-e', "require('./')"],
          { cwd: folder, env: { PATH: process.env.PATH ?? '' } },
        );
        const registered = JSON.parse(stdout.split('@@registrations@@')[1] ?? '[]') as {
          name: string;
          bindings: Record<string, { type: string; route?: string; authLevel?: string }>;
        }[];
        const expected = app.functions.map((file) => path.basename(file, '.ts')).sort();
        assert.deepEqual(registered.map((fn) => fn.name).sort(), expected, app.app);
        for (const fn of registered) {
          const trigger = Object.values(fn.bindings).find((binding) => binding.type === 'httpTrigger');
          assert.ok(trigger?.route, `${app.app}/${fn.name} has an explicit route`);
        }
      }
    });
  });
});
