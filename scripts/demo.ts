// `npm run demo`: the unbreakable pipeline end to end, on the simulators (see scripts/demo/run-demo.ts).
import { runDemo } from './demo/run-demo';

runDemo().then(
  (summary) => {
    process.exitCode = summary.ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(`npm run demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
