/** Collects the promise rejections nobody handled while it is installed. */
export interface RejectionRecorder {
  /** The reasons, in the order they were reported. */
  readonly reasons: readonly unknown[];
  /** Removes the listener. */
  stop(): void;
}

/**
 * Listens for `unhandledRejection` so that a fuzz test can assert that no input leaves a floating promise
 * behind: such a rejection crashes an Azure Functions worker with `--unhandled-rejections=strict`.
 */
export function recordUnhandledRejections(): RejectionRecorder {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { reasons, stop: () => process.off('unhandledRejection', listener) };
}
