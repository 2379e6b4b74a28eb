// `npm run sim:dynatrace -- --port 8021`: the Dynatrace simulator as a standalone server.
import { UsageError, runSimulatorCommand } from './run-simulator-command';

const started = runSimulatorCommand(process.argv.slice(2), (line) => console.log(line));

// Handlers go in before the simulator announces itself, so a signal sent right after "Stop with
// Ctrl+C." still stops it cleanly instead of killing it.
const stop = (signal: NodeJS.Signals): void => {
  started
    .then(async (simulator) => {
      if (!simulator) return;
      console.log(`Received ${signal}; stopping the Dynatrace simulator.`);
      await simulator.close();
    })
    .catch((error: unknown) => {
      if (error instanceof UsageError) return;
      console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

started.then(
  (simulator) => {
    if (!simulator) {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    }
  },
  (error: unknown) => {
    console.error(`sim:dynatrace: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  },
);
