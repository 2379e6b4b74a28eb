import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** What `tfx extension create --json` reports. */
export interface TfxResult {
  readonly path: string;
  readonly extensionId: string;
  readonly version: string;
  readonly publisher: string;
}

/**
 * Runs tfx-cli's `extension create` on a staged extension. tfx only warns about an invalid task.json and
 * still writes the .vsix ("in the future, this warning will be treated as an error"), so any warning
 * fails the packaging here instead.
 */
export async function createVsix(stagingDir: string, outputDir: string): Promise<TfxResult> {
  const tfx = require.resolve('tfx-cli/_build/tfx-cli.js');
  const args = [tfx, 'extension', 'create', '--root', stagingDir, '--manifest-globs', 'vss-extension.json'];
  args.push('--output-path', outputDir, '--no-prompt', '--no-color', '--json');
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: stagingDir }));
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`tfx extension create failed: ${output.trim()}`, { cause: error });
  }
  const warnings = `${stdout}\n${stderr}`.split('\n').filter((line) => /warning/i.test(line));
  if (warnings.length > 0) throw new Error(`tfx extension create warned:\n${warnings.join('\n')}`);
  const jsonStart = stdout.indexOf('{');
  return JSON.parse(stdout.slice(jsonStart)) as TfxResult;
}
