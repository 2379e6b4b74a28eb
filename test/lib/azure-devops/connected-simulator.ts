import {
  createAzureDevOpsConnection,
  type AzureDevOpsConnection,
  type AzureDevOpsConnectionOptions,
} from '../../../lib/azure-devops';
import {
  startAzureDevOpsSimulator,
  type AzureDevOpsScenario,
  type AzureDevOpsSimulator,
} from '../../../sim/azure-devops';

/** A simulator, a connection to it, and what the connection logged and waited. */
export interface ConnectedSimulator {
  readonly sim: AzureDevOpsSimulator;
  readonly connection: AzureDevOpsConnection;
  readonly logs: string[];
  /** Every retry wait the connection asked for (the injected sleeper returns at once). */
  readonly sleeps: number[];
  close(): Promise<void>;
}

/** The fixed time of the simulated organization. */
export const simulatedNow = Date.parse('2026-01-15T12:00:00Z');

/**
 * Starts the Azure DevOps simulator and connects the real client to it over HTTP, with a deterministic
 * clock, jitter and sleeper so retry waits can be asserted without waiting.
 */
export async function startConnectedSimulator(
  options: {
    readonly scenario?: AzureDevOpsScenario;
    readonly connection?: Partial<AzureDevOpsConnectionOptions>;
  } = {},
): Promise<ConnectedSimulator> {
  const sim = await startAzureDevOpsSimulator({
    now: () => simulatedNow,
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
  });
  const logs: string[] = [];
  const sleeps: number[] = [];
  const connection = createAzureDevOpsConnection({
    collectionUrl: sim.collectionUrl,
    token: { kind: 'pat', value: sim.pat },
    logger: {
      warn: (message) => logs.push(`warn: ${message}`),
      debug: (message) => logs.push(`debug: ${message}`),
    },
    clock: {
      now: () => simulatedNow,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    },
    random: () => 0.5,
    ...options.connection,
  });
  return { sim, connection, logs, sleeps, close: () => sim.close() };
}
