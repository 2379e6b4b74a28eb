import { type CliIo } from './cli-io';
import { UsageError } from './usage-error';

/** Reads a file named on the command line; a missing or unreadable file is a usage error naming it. */
export async function readInputFile(file: string, io: CliIo): Promise<string> {
  try {
    return await io.readFile(file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageError(`cannot read ${file} (${reason})`);
  }
}
