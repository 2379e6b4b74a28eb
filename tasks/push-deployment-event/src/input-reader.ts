import { InputError } from './input-error';
import { type TaskIo } from './task-io';

/** Azure Pipelines leaves `$(Name)` as it is when no variable `Name` exists. */
const UNEXPANDED_MACRO = /\$\([A-Za-z_][\w.-]*\)/;

/** Typed readers of single inputs; each throws an {@link InputError} naming the input. */
export interface InputReader {
  /** The trimmed value; `undefined` when empty. */
  text(name: string): string | undefined;
  /** The trimmed value; `why` completes "is required …" when it is empty. */
  required(name: string, why: string): string;
  /** One of `choices`, matched case-insensitively; `fallback` when empty. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T;
  /** A whole number from 0 to `max`; `fallback` when empty. */
  wholeNumber(name: string, max: number, fallback: number): number;
  /** An absolute http(s) URL; `undefined` when empty. */
  link(name: string): string | undefined;
}

/**
 * Creates the readers over the agent's inputs. Every reader refuses a value that still contains a
 * `$(…)` macro: in a YAML run an undefined variable is not expanded, and sending its literal text (as a
 * tag, say) would only fail later and obscurely.
 */
export function createInputReader(io: Pick<TaskIo, 'getInput'>): InputReader {
  const text = (name: string): string | undefined => {
    const value = io.getInput(name)?.trim();
    if (value === undefined || value === '') return undefined;
    const macro = UNEXPANDED_MACRO.exec(value)?.[0];
    if (macro !== undefined) {
      throw new InputError(
        name,
        `contains ${macro}, a variable this pipeline does not define (Azure Pipelines leaves unknown variables ` +
          'unexpanded); define the variable or leave the input empty to use the default',
      );
    }
    return value;
  };
  return {
    text,
    required: (name, why) => {
      const value = text(name);
      if (value === undefined) throw new InputError(name, `is required ${why}`);
      return value;
    },
    choice: (name, choices, fallback) => {
      const value = text(name) ?? fallback;
      const found = choices.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      if (found === undefined) {
        throw new InputError(name, `is "${value}"; expected one of ${choices.join(', ')}`);
      }
      return found;
    },
    wholeNumber: (name, max, fallback) => {
      const value = text(name);
      if (value === undefined) return fallback;
      if (!/^\d+$/.test(value) || Number(value) > max) {
        throw new InputError(name, `is "${value}"; expected a whole number from 0 to ${max}`);
      }
      return Number(value);
    },
    link: (name) => {
      const value = text(name);
      if (value === undefined) return undefined;
      if (!URL.canParse(value) || !['https:', 'http:'].includes(new URL(value).protocol)) {
        throw new InputError(name, `is "${value}"; expected an absolute http(s) URL`);
      }
      return value;
    },
  };
}
