import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { build } from 'esbuild';

/** The package the Functions runtime loads the v4 programming model from; it must stay an npm dependency. */
export const FUNCTIONS_LIBRARY = '@azure/functions';

/**
 * Bundles a function app into one CommonJS file: an entry that imports every `src/functions/*.ts` (each
 * registers itself with `app.http`), with all shared code inlined. `@azure/functions` stays external
 * because the Node.js worker resolves the programming model from the app's own dependency, and
 * `@azure/functions-core` is injected by the worker at run time.
 *
 * @returns the function files bundled, relative to the app folder.
 */
export async function bundleFunctionApp(appDir: string, outFile: string): Promise<string[]> {
  const functionsDir = path.join(appDir, 'src', 'functions');
  const functionFiles = (await readdir(functionsDir)).filter((name) => name.endsWith('.ts')).sort();
  if (functionFiles.length === 0) throw new Error(`${functionsDir} holds no function (*.ts) to bundle`);
  const result = await build({
    stdin: {
      contents: functionFiles.map((name) => `require('./src/functions/${name}');`).join('\n'),
      resolveDir: appDir,
      sourcefile: 'functions-entry.js',
      loader: 'js',
    },
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    external: [FUNCTIONS_LIBRARY, '@azure/functions-core'],
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    throw new Error(`Bundling ${appDir} produced warnings: ${result.warnings.map((w) => w.text).join('; ')}`);
  }
  return functionFiles.map((name) => `src/functions/${name}`);
}
