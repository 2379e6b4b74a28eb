/**
 * A task input (or the pipeline variable standing in for an empty input) is missing or unusable. The
 * message names the input as written in YAML, what was found and what is accepted.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    /** The input's name in task.json, e.g. `tags`. */
    readonly input: string,
    detail: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`Input ${input}: ${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
