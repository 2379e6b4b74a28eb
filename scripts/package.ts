// `npm run package`: builds the .vsix and one zip per function app into out/package, printing their sizes.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { packageExtension } from './packaging/package-extension';
import { packageFunctionApp } from './packaging/package-function-app';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'package');

async function main(): Promise<void> {
  const extension = await packageExtension(ROOT, OUT);
  const apps = (await readdir(ROOT)).filter((name) => name.endsWith('-function')).sort();
  const functionApps = [];
  for (const app of apps) functionApps.push(await packageFunctionApp(ROOT, app, OUT));

  const rows: [string, number, string][] = [
    [path.relative(ROOT, extension.vsixPath), extension.vsixBytes, 'upload to the Visual Studio Marketplace'],
    ...functionApps.map((app): [string, number, string] => [
      path.relative(ROOT, app.zipPath),
      app.zipBytes,
      `zip deploy; ${app.functions.length} function(s), bundle ${formatBytes(app.bundleBytes)}`,
    ]),
  ];
  for (const [file, bytes, note] of rows)
    console.log(`${file.padEnd(60)} ${formatBytes(bytes).padStart(9)}  ${note}`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

main().catch((error: unknown) => {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
