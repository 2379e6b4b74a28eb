import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { bundleFunctionApp, FUNCTIONS_LIBRARY } from './bundle-function-app';
import { dependencyClosure } from './dependency-closure';
import { directoryEntries, writeZip, type ZipEntry } from './write-zip';

/** What packaging one function app produced. */
export interface FunctionAppPackage {
  readonly app: string;
  readonly zipPath: string;
  readonly zipBytes: number;
  readonly bundleBytes: number;
  /** The function files bundled, e.g. `src/functions/gate.ts`. */
  readonly functions: readonly string[];
}

/**
 * Packages a function app for zip deploy: `host.json`, a `package.json` whose `main` is the bundle,
 * `dist/index.js` (+ source map), and `node_modules` with `@azure/functions` and what it needs, so the
 * zip runs from package without a remote build.
 */
export async function packageFunctionApp(
  root: string,
  app: string,
  outDir: string,
): Promise<FunctionAppPackage> {
  const appDir = path.join(root, app);
  const buildDir = path.join(outDir, app);
  await rm(buildDir, { recursive: true, force: true });
  await mkdir(buildDir, { recursive: true });
  const bundlePath = path.join(buildDir, 'dist', 'index.js');
  const functions = await bundleFunctionApp(appDir, bundlePath);

  const rootManifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const functionsVersion = rootManifest.dependencies[FUNCTIONS_LIBRARY];
  if (functionsVersion === undefined)
    throw new Error(`${FUNCTIONS_LIBRARY} is not a dependency of package.json`);
  const manifest = {
    name: `unbreakable-pipeline-${app}`,
    version: rootManifest.version,
    private: true,
    description: `Unbreakable Pipeline for Azure DevOps: the ${app} Azure Functions app (bundled).`,
    main: 'dist/index.js',
    engines: { node: '>=20' },
    dependencies: { [FUNCTIONS_LIBRARY]: functionsVersion },
  };

  const entries: ZipEntry[] = [
    { name: 'host.json', file: path.join(appDir, 'host.json') },
    { name: 'package.json', text: `${JSON.stringify(manifest, null, 2)}\n` },
    { name: 'dist/index.js', file: bundlePath },
    { name: 'dist/index.js.map', file: `${bundlePath}.map` },
  ];
  for (const name of await dependencyClosure(root, FUNCTIONS_LIBRARY)) {
    entries.push(...(await directoryEntries(path.join(root, 'node_modules', name), `node_modules/${name}`)));
  }
  const zipPath = path.join(outDir, `${app}.zip`);
  const zipBytes = await writeZip(zipPath, entries);
  return { app, zipPath, zipBytes, bundleBytes: (await stat(bundlePath)).size, functions };
}
