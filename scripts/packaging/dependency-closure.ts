import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The installed packages a package needs at run time (itself and its `dependencies`, transitively), as
 * folders under `node_modules`, resolved the way Node does from the repository root.
 */
export async function dependencyClosure(root: string, packageName: string): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (found.has(name)) return;
    const manifestPath = path.join(root, 'node_modules', name, 'package.json');
    let manifest: { dependencies?: Record<string, string> };
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as typeof manifest;
    } catch {
      throw new Error(`${name} is not installed at ${manifestPath}; run npm ci first`);
    }
    found.add(name);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) await visit(dependency);
  };
  await visit(packageName);
  return [...found].sort();
}
