import {
  formatMonspecIssue,
  type EntityDefinition,
  type MonspecIssue,
  MonspecValidationError,
  parseMonspec,
} from '../../lib/monspec';
import { type CliIo } from '../cli-io';
import { ExitCode } from '../exit-code';
import { readInputFile } from '../read-input-file';

/** `unbreakable monspec validate <file>`: every error with its JSON path, then warnings; exit 0 or 2. */
export async function validateMonspecCommand(file: string, io: CliIo): Promise<ExitCode> {
  const text = await readInputFile(file, io);
  try {
    const { monspec, warnings } = parseMonspec(text);
    printWarnings(file, warnings, io);
    const described = monspec.definitions.map(describeDefinition).join('; ');
    io.stdout(`${file} is valid: ${described}\n`);
    return ExitCode.pass;
  } catch (error) {
    if (!(error instanceof MonspecValidationError)) throw error;
    const count = error.issues.length;
    io.stderr(`${file} is invalid (${count} ${count === 1 ? 'error' : 'errors'}):\n`);
    for (const issue of error.issues) io.stderr(`  error   ${formatMonspecIssue(issue)}\n`);
    printWarnings(file, error.warnings, io);
    return ExitCode.usage;
  }
}

function printWarnings(file: string, warnings: readonly MonspecIssue[], io: CliIo): void {
  for (const warning of warnings) io.stderr(`  warning ${formatMonspecIssue(warning)} (${file})\n`);
}

function describeDefinition(definition: EntityDefinition): string {
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return (
    `${definition.key} (${definition.etype}): ${count(definition.environments.length, 'environment')}, ` +
    `${count(definition.comparisons.length, 'comparison')}, ${count(definition.perfsignature.length, 'metric')}`
  );
}
