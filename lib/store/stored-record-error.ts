/**
 * A row in the self-healing table does not have the shape this version writes (edited by hand, or written
 * by an incompatible version). Nothing is done with it: guessing could repeat a remediation.
 */
export class StoredRecordError extends Error {
  override readonly name = 'StoredRecordError';

  constructor(
    readonly tableName: string,
    readonly partitionKey: string,
    readonly rowKey: string,
    readonly problem: string,
  ) {
    super(`The row ${partitionKey}/${rowKey} of table "${tableName}" is malformed: ${problem}`);
  }
}
