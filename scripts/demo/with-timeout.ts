/** Something asynchronous did not finish within its bound. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * Waits for `promise`, but at most `limitMs`: the demo never hangs on a webhook or a process that does not
 * answer. The timer is cleared either way, so it holds no handle open.
 *
 * @throws WaitTimeoutError naming `what` when the bound is reached first.
 */
export async function withTimeout<T>(promise: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new WaitTimeoutError(`${what} did not finish within ${limitMs} ms`)),
      limitMs,
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
