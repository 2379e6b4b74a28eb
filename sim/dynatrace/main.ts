// `npm run sim:dynatrace -- --port 8021`: the Dynatrace simulator as a standalone server.
import { UsageError, runSimulatorCommand } from './run-simulator-command';

runSimulatorCommand(process.argv.slice(2), (line) => console.log(line)).then(
  (simulator) => {
    if (!simulator) return;
    const stop = (signal: NodeJS.Signals): void => {
      console.log(`Received ${signal}; stopping the Dynatrace simulator.`);
      simulator.close().catch((error: unknown) => {
        console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`sim:dynatrace: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
