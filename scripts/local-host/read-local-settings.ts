import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The `Values` of an app's `local.settings.json`, as `func start` would put them into the environment;
 * `{}` when the app has none (a fresh clone: the file is gitignored).
 *
 * @throws Error naming the file when it cannot be used.
 */
export function readLocalSettings(appDirectory: string): Record<string, string> {
  const file = path.join(appDirectory, 'local.settings.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const settings = parsed as { IsEncrypted?: unknown; Values?: unknown } | null;
  if (settings?.IsEncrypted === true) {
    throw new Error(
      `${file} is encrypted; the local host reads plain values only (set "IsEncrypted": false)`,
    );
  }
  const values = settings?.Values ?? {};
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new Error(`${file}: expected "Values" to be an object of setting names and string values`);
  }
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string') {
      throw new Error(`${file}: Values.${name} must be a string, found ${typeof value}`);
    }
    result[name] = value;
  }
  return result;
}
