/**
 * A write with a claim's etag was refused (412): another attempt took the problem over, typically
 * because this one outlived its lease. The caller must stop without acting or recording anything.
 */
export class ClaimLostError extends Error {
  override readonly name = 'ClaimLostError';

  constructor(
    readonly problemId: string,
    readonly attempt: number,
    readonly operation: string,
  ) {
    super(
      `attempt ${attempt} no longer owns the claim on problem ${problemId}: another attempt took it over ` +
        `before this one could ${operation} (the stored etag changed)`,
    );
  }
}
