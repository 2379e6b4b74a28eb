import { type TaskIo, type TaskOutcome } from '../../../../tasks/push-deployment-event/src/task-io';

/** One call a task made to its {@link TaskIo}, in order. */
export type TaskIoCall =
  | { readonly kind: 'setSecret'; readonly value: string }
  | { readonly kind: 'getInput'; readonly name: string }
  | { readonly kind: 'getVariable'; readonly name: string }
  | {
      readonly kind: 'setVariable';
      readonly name: string;
      readonly value: string;
      readonly isOutput: boolean;
    }
  | { readonly kind: 'setResult'; readonly outcome: TaskOutcome; readonly message: string }
  | { readonly kind: 'debug' | 'warning' | 'log'; readonly message: string };

export interface FakeTaskIo extends TaskIo {
  readonly calls: readonly TaskIoCall[];
  /** Every line written through debug, warning, log and setResult. */
  readonly lines: () => string[];
  /** The one setResult call (fails the test when there were none or several). */
  readonly result: () => { readonly outcome: TaskOutcome; readonly message: string };
}

/** A scripted agent: inputs, variables and one service connection, recording every call. */
export function createFakeTaskIo(options: {
  readonly inputs?: Readonly<Record<string, string>>;
  readonly variables?: Readonly<Record<string, string>>;
  readonly connection?: {
    readonly id: string;
    readonly url?: string;
    readonly parameters: Readonly<Record<string, string>>;
  };
}): FakeTaskIo {
  const calls: TaskIoCall[] = [];
  const connection = options.connection;
  return {
    calls,
    getInput: (name) => {
      calls.push({ kind: 'getInput', name });
      return options.inputs?.[name];
    },
    getVariable: (name) => {
      calls.push({ kind: 'getVariable', name });
      return options.variables?.[name];
    },
    getEndpointUrl: (id) => (id === connection?.id ? connection.url : undefined),
    getEndpointAuthorizationParameter: (id, key) =>
      id === connection?.id ? connection.parameters[key] : undefined,
    setSecret: (value) => calls.push({ kind: 'setSecret', value }),
    setVariable: (name, value, { isOutput }) => calls.push({ kind: 'setVariable', name, value, isOutput }),
    setResult: (outcome, message) => calls.push({ kind: 'setResult', outcome, message }),
    debug: (message) => calls.push({ kind: 'debug', message }),
    warning: (message) => calls.push({ kind: 'warning', message }),
    log: (message) => calls.push({ kind: 'log', message }),
    lines: () =>
      calls.flatMap((call) =>
        call.kind === 'debug' || call.kind === 'warning' || call.kind === 'log' || call.kind === 'setResult'
          ? [call.message]
          : [],
      ),
    result: () => {
      const results = calls.filter((call) => call.kind === 'setResult');
      if (results.length !== 1)
        throw new Error(`expected exactly one setResult call, found ${results.length}`);
      const [result] = results;
      return { outcome: result!.outcome, message: result!.message };
    },
  };
}
