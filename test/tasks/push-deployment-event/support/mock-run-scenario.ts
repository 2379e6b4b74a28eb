/**
 * The contract between a MockTestRunner test (in mocha) and the mock-run script it spawns: what the
 * simulated agent passes to the task, and what the stub Dynatrace answers.
 */

/** One scripted answer of the stub Dynatrace; the last one answers every further request. */
export interface StubAnswer {
  readonly status: number;
  readonly body?: unknown;
}

/** A request the stub received. */
export interface StubbedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export interface MockRunScenario {
  /** Task inputs by their task.json name. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Pipeline variables by name, e.g. `Release.ReleaseId`. */
  readonly variables: Readonly<Record<string, string>>;
  /** The Dynatrace service connection; its URL is the stub's. */
  readonly connection: {
    readonly id: string;
    readonly apiToken: string;
    /** `ENDPOINT_AUTH_<id>` as the agent would pass it; by default built from `apiToken`. */
    readonly authorizationRecord?: string;
  };
  readonly answers: readonly StubAnswer[];
  /** Where the mock-run script writes the requests the stub received (JSON array) when it exits. */
  readonly requestsFile: string;
  /** AGENT_TEMPDIRECTORY: where task-lib's vault puts its `.taskkey`. */
  readonly agentTempDirectory: string;
}

/** The environment variable that carries the scenario (JSON) to the mock-run script. */
export const SCENARIO_VARIABLE = 'PUSH_DEPLOYMENT_EVENT_SCENARIO';
