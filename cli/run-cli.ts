import { type CliIo } from './cli-io';
import { evaluateCommand } from './commands/evaluate-command';
import { validateMonspecCommand } from './commands/validate-monspec-command';
import { ExitCode } from './exit-code';
import { USAGE } from './usage';
import { UsageError } from './usage-error';

/** Runs one CLI invocation and returns its exit code; never exits the process itself. */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    return await dispatch(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`unbreakable: ${error.message}\nRun "unbreakable --help" for usage.\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

async function dispatch(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(USAGE);
    return command === undefined ? ExitCode.usage : ExitCode.pass;
  }
  if (command === 'evaluate') return evaluateCommand(rest, io);
  if (command === 'monspec') {
    const [subcommand, file, ...extra] = rest;
    if (subcommand !== 'validate')
      throw new UsageError(`unknown monspec command "${subcommand ?? ''}"; try "monspec validate <file>"`);
    if (file === undefined || extra.length > 0)
      throw new UsageError('monspec validate takes exactly one file');
    return validateMonspecCommand(file, io);
  }
  throw new UsageError(`unknown command "${command}"`);
}
