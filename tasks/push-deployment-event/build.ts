import { copyFile, mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

import { build, type Metafile } from 'esbuild';

const TASK_DIR = __dirname;
/** Beside task.json in the task folder, and only copied when it exists. */
const OPTIONAL_FILES = ['icon.png'] as const;

/** What {@link buildPushDeploymentEventTask} produced. */
export interface PushDeploymentEventBuild {
  /** `<outDir>/dist/index.js`, the `execution.Node20_1.target` of task.json. */
  readonly bundlePath: string;
  readonly sourceMapPath: string;
  readonly taskJsonPath: string;
  /** Every file copied or written, relative to `outDir`. */
  readonly files: readonly string[];
  /** The source files inlined into the bundle, relative to the repository root. */
  readonly bundledInputs: readonly string[];
}

/**
 * Bundles the task into the folder layout the agent runs (`<outDir>/task.json`, `<outDir>/dist/index.js`
 * with its source map, and the icon when present): one CommonJS file for Node 20 with every dependency
 * inlined, so the extension ships no node_modules. azure-pipelines-task-lib keeps its secret vault in
 * module state, so the bundle must hold exactly one copy of it; a single node_modules root guarantees
 * that, and `bundledInputs` lets a test check it.
 */
export async function buildPushDeploymentEventTask(outDir: string): Promise<PushDeploymentEventBuild> {
  const root = resolve(outDir);
  const bundlePath = join(root, 'dist', 'index.js');
  const result = await build({
    entryPoints: [join(TASK_DIR, 'src', 'index.ts')],
    outfile: bundlePath,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    const first = result.warnings[0]?.text ?? '';
    throw new Error(
      `Bundling the push deployment event task produced ${result.warnings.length} warning(s): ${first}`,
    );
  }

  const files = ['dist/index.js', 'dist/index.js.map', 'task.json'];
  const taskJsonPath = join(root, 'task.json');
  // Building into the task folder itself (the layout vss-extension.json packages) needs no copies.
  if (root !== resolve(TASK_DIR)) {
    await mkdir(root, { recursive: true });
    await copyFile(join(TASK_DIR, 'task.json'), taskJsonPath);
    for (const name of OPTIONAL_FILES) {
      if (await copyIfPresent(join(TASK_DIR, name), join(root, name))) files.push(name);
    }
  }

  return {
    bundlePath,
    sourceMapPath: `${bundlePath}.map`,
    taskJsonPath,
    files,
    bundledInputs: inputsOf(result.metafile),
  };
}

async function copyIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await copyFile(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function inputsOf(metafile: Metafile): string[] {
  const repositoryRoot = resolve(TASK_DIR, '..', '..');
  // esbuild names inputs relative to its working directory; normalise them to the repository root.
  return Object.keys(metafile.inputs).map((input) => relative(repositoryRoot, resolve(input)));
}
