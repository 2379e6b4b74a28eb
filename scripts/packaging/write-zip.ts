import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import JSZip from 'jszip';

/** One file of an archive: its path inside the zip and where its bytes come from. */
export type ZipEntry = { readonly name: string } & ({ readonly file: string } | { readonly text: string });

/** Writes a deflated zip with the given entries (in this order) and returns its size in bytes. */
export async function writeZip(zipPath: string, entries: readonly ZipEntry[]): Promise<number> {
  const zip = new JSZip();
  for (const entry of entries) {
    // A fixed date keeps the archive's bytes independent of when it was built.
    const options = { date: new Date(Date.UTC(2026, 0, 1)) };
    if ('text' in entry) zip.file(entry.name, entry.text, options);
    else zip.file(entry.name, await readFile(entry.file), options);
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  await writeFile(zipPath, bytes);
  return bytes.length;
}

/** The entries of a directory tree, every file under `prefix/` in the archive. */
export async function directoryEntries(directory: string, prefix: string): Promise<ZipEntry[]> {
  const names = await readdir(directory, { recursive: true, withFileTypes: true });
  return names
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return {
        name: path.posix.join(prefix, path.relative(directory, file).split(path.sep).join('/')),
        file,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
