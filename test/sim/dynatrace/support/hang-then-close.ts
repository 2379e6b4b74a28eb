// Run as a child process by fault-injector.test.ts: a request hangs, the simulator closes, and the
// process must then exit on its own (nothing may keep the event loop alive).
import { startDynatraceSimulator } from '../../../../sim/dynatrace';

async function main(): Promise<void> {
  const simulator = await startDynatraceSimulator({ now: () => Date.UTC(2024, 4, 14, 12) });
  simulator.faults.add({ path: '/api/v2/problems', kind: 'hang' });
  simulator.faults.add({ path: '/api/v2/events', kind: 'latency', ms: 3_600_000 });
  const hanging = fetch(`${simulator.url}/api/v2/problems`, {
    headers: { Authorization: `Api-Token ${simulator.token}` },
  });
  const delayed = fetch(`${simulator.url}/api/v2/events`, {
    headers: { Authorization: `Api-Token ${simulator.token}` },
  });
  while (simulator.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
  await simulator.close();
  const outcomes = await Promise.allSettled([hanging, delayed]);
  console.log(outcomes.map((outcome) => outcome.status).join(','));
}

// `npx mocha <folder>` loads every .ts file; only run when started as a script.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
