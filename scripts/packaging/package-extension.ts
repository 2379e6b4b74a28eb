import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { buildPushDeploymentEventTask } from '../../tasks/push-deployment-event/build';
import { createVsix } from './run-tfx';

/** The tasks whose task.json runs code on the agent, and how their bundle is built. */
const TASK_BUILDERS: Readonly<Record<string, (outDir: string) => Promise<unknown>>> = {
  'tasks/push-deployment-event': buildPushDeploymentEventTask,
};

/** What packaging the extension produced. */
export interface ExtensionPackage {
  readonly vsixPath: string;
  readonly vsixBytes: number;
  readonly stagingDir: string;
}

interface Manifest {
  readonly icons?: { readonly default?: string };
  readonly content?: { readonly details?: { readonly path?: string } };
  readonly contributions: readonly {
    readonly type: string;
    readonly properties?: { readonly name?: string };
  }[];
}

/**
 * Stages exactly what the extension ships — the manifest, the marketplace page and the images it shows,
 * and per task its task.json, icon and (for agent tasks) the bundle; no sources, tests or node_modules —
 * and turns it into a .vsix with tfx. Source maps of the bundles go to `<outDir>/sourcemaps`, not into
 * the .vsix, to keep it small.
 */
export async function packageExtension(root: string, outDir: string): Promise<ExtensionPackage> {
  const stagingDir = path.join(outDir, 'extension');
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(stagingDir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(root, 'vss-extension.json'), 'utf8')) as Manifest;
  await copyFile(path.join(root, 'vss-extension.json'), path.join(stagingDir, 'vss-extension.json'));

  for (const contribution of manifest.contributions) {
    if (contribution.type !== 'ms.vss-distributed-task.task') continue;
    const taskDir = contribution.properties?.name;
    if (taskDir === undefined)
      throw new Error('a task contribution in vss-extension.json has no properties.name');
    const target = path.join(stagingDir, taskDir);
    await mkdir(target, { recursive: true });
    const builder = TASK_BUILDERS[taskDir];
    if (builder === undefined) {
      await copyFile(path.join(root, taskDir, 'task.json'), path.join(target, 'task.json'));
      await copyFile(path.join(root, taskDir, 'icon.png'), path.join(target, 'icon.png'));
    } else {
      await builder(target);
      const maps = path.join(outDir, 'sourcemaps', taskDir);
      await mkdir(maps, { recursive: true });
      await rename(path.join(target, 'dist', 'index.js.map'), path.join(maps, 'index.js.map'));
    }
  }

  const details = manifest.content?.details?.path;
  if (details === undefined)
    throw new Error('vss-extension.json has no content.details.path (the marketplace page)');
  const page = await readFile(path.join(root, details), 'utf8');
  await writeFile(path.join(stagingDir, details), page);
  const images = new Set(
    [manifest.icons?.default, ...referencedImages(page)].filter((image) => image !== undefined),
  );
  for (const image of images) {
    await mkdir(path.dirname(path.join(stagingDir, image)), { recursive: true });
    await copyFile(path.join(root, image), path.join(stagingDir, image));
  }

  const result = await createVsix(stagingDir, outDir);
  return { vsixPath: result.path, vsixBytes: (await stat(result.path)).size, stagingDir };
}

/** Relative image paths of a Markdown page (`![alt](images/x.png)`); absolute URLs are not shipped. */
export function referencedImages(markdown: string): string[] {
  const images: string[] = [];
  for (const match of markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1] ?? '';
    if (!/^[a-z]+:/i.test(target)) images.push(target.replace(/^\.\//, ''));
  }
  return images;
}
