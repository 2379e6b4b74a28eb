import { odata, type TransactionAction } from '@azure/data-tables';

import {
  type EvaluationHistory,
  type EvaluationPage,
  type EvaluationSeries,
  type HistoryCallOptions,
  MAX_LIST_LIMIT,
  type RecordedEvaluation,
} from './evaluation-history';
import {
  evaluationRowKey,
  rowKeyTimeBound,
  SERIES_INDEX_PARTITION,
  seriesPartitionKey,
} from './evaluation-keys';
import { readEvaluationRow, toEvaluationRow } from './evaluation-row';
import { openTable, tableStatusOf, type TableOptions } from './open-table';
import { readSeriesIndexRow, toSeriesIndexRow } from './series-index-row';
import { StoredRecordError } from './stored-record-error';
import { StoreUnavailableError } from './store-unavailable-error';

/** Where the history lives and how much of it is kept. */
export interface TableEvaluationHistoryOptions extends TableOptions {
  /** Evaluations older than this many days are not listed and are deleted; default {@link DEFAULT_RETENTION_DAYS}. */
  readonly retentionDays?: number;
  /** At most this many evaluations are kept per series; default {@link DEFAULT_MAX_PER_SERIES}. */
  readonly maxPerSeries?: number;
  /** At most this many rows are deleted per series and write (1–100, one transaction); default 100. */
  readonly pruneBatchSize?: number;
  /** Epoch-ms clock for the retention period; default `Date.now`. */
  readonly now?: () => number;
}

/** How long evaluations are kept unless configured otherwise: a quarter, enough to compare releases. */
export const DEFAULT_RETENTION_DAYS = 90;
/** Evaluations kept per series unless configured otherwise: about 100 releases of a gate sampled 5 times. */
export const DEFAULT_MAX_PER_SERIES = 500;
/** A Table Storage transaction holds at most 100 operations. */
const MAX_PRUNE_BATCH = 100;
const DAY_MS = 24 * 60 * 60_000;
/** Series read at the same time when a listing spans several. */
const SERIES_READ_CONCURRENCY = 4;
const MAX_PAGE_SIZE = 1000;

/**
 * An {@link EvaluationHistory} in Azure Table Storage (`@azure/data-tables`), in its own table.
 *
 * Each series (service + comparison) is a partition whose rows are ordered newest first (see
 * `evaluation-keys.ts`), so the report's query is a single-partition range read. Partition `series-index`
 * holds one row per series with its latest verdict, for the series picker and for finding series that
 * nobody evaluates any more.
 *
 * The history stays bounded without a timer: every write deletes, in one transaction of at most
 * `pruneBatchSize` rows, what its own series holds beyond `maxPerSeries` or the retention period, and the
 * rows of one series whose latest evaluation is past the retention period. Listings never show rows past the
 * retention period, whether or not they have been deleted yet.
 *
 * @throws RangeError when the connection string, table name or an option is unusable (never echoing secrets).
 */
export function createTableEvaluationHistory(options: TableEvaluationHistoryOptions): EvaluationHistory {
  const table = openTable(options);
  const { client, tableName } = table;
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) {
    throw new RangeError(`retentionDays: expected a positive number of days, found ${retentionDays}`);
  }
  const maxPerSeries = options.maxPerSeries ?? DEFAULT_MAX_PER_SERIES;
  if (!Number.isSafeInteger(maxPerSeries) || maxPerSeries < 1) {
    throw new RangeError(`maxPerSeries: expected a whole number of at least 1, found ${maxPerSeries}`);
  }
  const pruneBatchSize = options.pruneBatchSize ?? MAX_PRUNE_BATCH;
  if (!Number.isSafeInteger(pruneBatchSize) || pruneBatchSize < 1 || pruneBatchSize > MAX_PRUNE_BATCH) {
    throw new RangeError(
      `pruneBatchSize: expected a whole number from 1 to ${MAX_PRUNE_BATCH}, found ${pruneBatchSize}`,
    );
  }
  const now = options.now ?? Date.now;
  const retentionCutoff = (): number => Math.max(0, now() - retentionDays * DAY_MS);

  /** Reads up to `limit` rows of a partition in key order (newest first). */
  const readPartition = async (
    filter: string,
    limit: number,
    operation: string,
    callerSignal: AbortSignal | undefined,
    select?: string[],
  ): Promise<Record<string, unknown>[]> => {
    const rows: Record<string, unknown>[] = [];
    if (limit <= 0) return rows;
    try {
      const pages = client
        .listEntities<Record<string, unknown>>({
          queryOptions: { filter, ...(select === undefined ? {} : { select }) },
          abortSignal: table.signal(callerSignal),
        })
        .byPage({ maxPageSize: Math.min(limit, MAX_PAGE_SIZE) });
      for await (const page of pages) {
        for (const entity of page) {
          rows.push(entity);
          if (rows.length >= limit) return rows;
        }
      }
      return rows;
    } catch (error) {
      throw table.failure(operation, error, callerSignal);
    }
  };

  const deleteRows = async (
    partitionKey: string,
    rowKeys: readonly string[],
    callerSignal: AbortSignal | undefined,
  ): Promise<number> => {
    if (rowKeys.length === 0) return 0;
    const operation = `delete ${rowKeys.length} old evaluations`;
    const actions: TransactionAction[] = rowKeys.map((rowKey) => ['delete', { partitionKey, rowKey }]);
    try {
      await client.submitTransaction(actions, { abortSignal: table.signal(callerSignal) });
      return rowKeys.length;
    } catch {
      // A concurrent writer may have deleted one of them, which fails the whole transaction: delete one by
      // one instead, where "already gone" is fine.
    }
    let deleted = 0;
    for (const rowKey of rowKeys) {
      try {
        await client.deleteEntity(partitionKey, rowKey, { abortSignal: table.signal(callerSignal) });
        deleted += 1;
      } catch (error) {
        if (tableStatusOf(error) !== 404) throw table.failure(operation, error, callerSignal);
      }
    }
    return deleted;
  };

  /** Deletes what a series holds beyond `maxPerSeries` or the retention period, at most one batch. */
  const pruneSeries = async (
    partitionKey: string,
    cutoff: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<number> => {
    const oldBound = rowKeyTimeBound(cutoff);
    const keys = (
      await readPartition(
        odata`PartitionKey eq ${partitionKey}`,
        maxPerSeries + pruneBatchSize,
        'find old evaluations',
        callerSignal,
        ['RowKey'],
      )
    ).map(rowKeyOf);
    // Keys are newest first, so everything to delete is a suffix: past the maximum, or older than the cutoff.
    const doomed = keys
      .filter((key, index) => index >= maxPerSeries || key > oldBound)
      .slice(0, pruneBatchSize);
    return deleteRows(partitionKey, doomed, callerSignal);
  };

  /** Deletes one batch of a series nobody evaluated within the retention period, and its index row once empty. */
  const sweepAbandonedSeries = async (
    cutoff: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<number> => {
    const cutoffTime = new Date(cutoff).toISOString();
    const [abandoned] = await readPartition(
      odata`PartitionKey eq ${SERIES_INDEX_PARTITION} and latestEvaluatedAt lt ${cutoffTime}`,
      1,
      'find abandoned series',
      callerSignal,
    );
    if (abandoned === undefined) return 0;
    const partitionKey = rowKeyOf(abandoned);
    const keys = (
      await readPartition(
        // Only rows past the retention period, even if the index lags behind a concurrent write.
        odata`PartitionKey eq ${partitionKey} and RowKey gt ${rowKeyTimeBound(cutoff)}`,
        pruneBatchSize,
        'find evaluations of an abandoned series',
        callerSignal,
        ['RowKey'],
      )
    ).map(rowKeyOf);
    const deleted = await deleteRows(partitionKey, keys, callerSignal);
    if (keys.length < pruneBatchSize) {
      try {
        // The etag keeps the index row of a series that was evaluated again meanwhile.
        await client.deleteEntity(SERIES_INDEX_PARTITION, partitionKey, {
          etag: typeof abandoned['etag'] === 'string' ? abandoned['etag'] : '*',
          abortSignal: table.signal(callerSignal),
        });
      } catch (error) {
        const status = tableStatusOf(error);
        if (status !== 404 && status !== 412) {
          throw table.failure('delete the index row of an abandoned series', error, callerSignal);
        }
      }
    }
    return deleted;
  };

  /** Up to `limit` readable evaluations of one series at or after `since`, newest first. */
  const listSeriesEvaluations = async (
    partitionKey: string,
    since: number,
    limit: number,
    callerSignal: AbortSignal | undefined,
  ): Promise<{ evaluations: RecordedEvaluation[]; unreadable: StoredRecordError[] }> => {
    const evaluations: RecordedEvaluation[] = [];
    const unreadable: StoredRecordError[] = [];
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey lt ${rowKeyTimeBound(since)}`;
    // Unreadable rows do not count towards the limit, so read on until there are enough readable ones.
    // A row written meanwhile shifts the offsets; the keys already seen keep it from being listed twice.
    const seen = new Set<string>();
    let wanted = limit;
    let offset = 0;
    for (;;) {
      const rows = await readPartition(filter, offset + wanted, 'list evaluations', callerSignal);
      for (const row of rows.slice(offset)) {
        if (seen.has(rowKeyOf(row))) continue;
        seen.add(rowKeyOf(row));
        try {
          evaluations.push(readEvaluationRow(tableName, partitionKey, rowKeyOf(row), row));
        } catch (error) {
          if (!(error instanceof StoredRecordError)) throw error;
          unreadable.push(error);
        }
      }
      if (evaluations.length >= limit || rows.length < offset + wanted) return { evaluations, unreadable };
      offset = rows.length;
      wanted = limit - evaluations.length;
    }
  };

  const readIndex = async (
    filter: string,
    callerSignal: AbortSignal | undefined,
  ): Promise<{ series: EvaluationSeries[]; partitionKeys: string[]; unreadable: StoredRecordError[] }> => {
    const rows = await readPartition(filter, Number.MAX_SAFE_INTEGER, 'list the series', callerSignal);
    const series: EvaluationSeries[] = [];
    const partitionKeys: string[] = [];
    const unreadable: StoredRecordError[] = [];
    for (const row of rows) {
      try {
        series.push(readSeriesIndexRow(tableName, rowKeyOf(row), row));
        partitionKeys.push(rowKeyOf(row));
      } catch (error) {
        if (!(error instanceof StoredRecordError)) throw error;
        unreadable.push(error);
      }
    }
    return { series, partitionKeys, unreadable };
  };

  return {
    async record(evaluation, callOptions: HistoryCallOptions = {}) {
      const callerSignal = callOptions.signal;
      const partitionKey = seriesPartitionKey(evaluation.service, evaluation.comparison);
      const rowKey = evaluationRowKey(evaluation.evaluatedAt, evaluation.evaluationId);
      const row = toEvaluationRow(evaluation);
      await table.ensureTable(callerSignal);
      let created = true;
      try {
        await client.createEntity(
          { partitionKey, rowKey, ...row },
          { abortSignal: table.signal(callerSignal) },
        );
      } catch (error) {
        // 409: this evaluation is already recorded (a retried call); recording it is idempotent.
        if (tableStatusOf(error) !== 409) {
          throw table.failure(`record evaluation ${evaluation.evaluationId}`, error, callerSignal);
        }
        created = false;
      }
      if (created) {
        try {
          // Last writer wins: two evaluations of one series in the same instant may leave the slightly older
          // one as "latest" in the index, which only the series picker shows.
          await client.upsertEntity(
            { partitionKey: SERIES_INDEX_PARTITION, rowKey: partitionKey, ...toSeriesIndexRow(evaluation) },
            'Replace',
            { abortSignal: table.signal(callerSignal) },
          );
        } catch (error) {
          throw table.failure(
            `update the series index for evaluation ${evaluation.evaluationId}`,
            error,
            callerSignal,
          );
        }
      }

      let deleted = 0;
      try {
        const cutoff = retentionCutoff();
        deleted += await pruneSeries(partitionKey, cutoff, callerSignal);
        deleted += await sweepAbandonedSeries(cutoff, callerSignal);
        return { deleted };
      } catch (error) {
        const pruneFailure =
          error instanceof StoreUnavailableError
            ? error
            : table.failure('delete old evaluations', error, callerSignal);
        return { deleted, pruneFailure };
      }
    },

    async list(query, callOptions: HistoryCallOptions = {}): Promise<EvaluationPage> {
      const callerSignal = callOptions.signal;
      if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIST_LIMIT) {
        throw new RangeError(
          `limit: expected a whole number from 1 to ${MAX_LIST_LIMIT}, found ${query.limit}`,
        );
      }
      if (query.since !== undefined && (!Number.isSafeInteger(query.since) || query.since < 0)) {
        throw new RangeError(`since: expected epoch milliseconds, found ${query.since}`);
      }
      await table.ensureTable(callerSignal);
      const since = Math.max(query.since ?? 0, retentionCutoff());
      if (query.service !== undefined && query.comparison !== undefined) {
        const partitionKey = seriesPartitionKey(query.service, query.comparison);
        return listSeriesEvaluations(partitionKey, since, query.limit, callerSignal);
      }
      let filter = odata`PartitionKey eq ${SERIES_INDEX_PARTITION}`;
      if (query.service !== undefined) filter += odata` and service eq ${query.service}`;
      if (query.comparison !== undefined) filter += odata` and comparison eq ${query.comparison}`;
      const index = await readIndex(filter, callerSignal);
      const perSeries = await mapConcurrently(index.partitionKeys, SERIES_READ_CONCURRENCY, (partitionKey) =>
        listSeriesEvaluations(partitionKey, since, query.limit, callerSignal),
      );
      const evaluations = perSeries
        .flatMap((page) => page.evaluations)
        .sort((a, b) => b.evaluatedAt - a.evaluatedAt || a.evaluationId.localeCompare(b.evaluationId))
        .slice(0, query.limit);
      return {
        evaluations,
        unreadable: [...index.unreadable, ...perSeries.flatMap((page) => page.unreadable)],
      };
    },

    async find(service, comparison, evaluationId, callOptions: HistoryCallOptions = {}) {
      const callerSignal = callOptions.signal;
      await table.ensureTable(callerSignal);
      const partitionKey = seriesPartitionKey(service, comparison);
      const [row] = await readPartition(
        odata`PartitionKey eq ${partitionKey} and RowKey lt ${rowKeyTimeBound(retentionCutoff())} and evaluationId eq ${evaluationId}`,
        1,
        `find evaluation ${evaluationId}`,
        callerSignal,
      );
      return row === undefined ? undefined : readEvaluationRow(tableName, partitionKey, rowKeyOf(row), row);
    },

    async listSeries(callOptions: HistoryCallOptions = {}) {
      const callerSignal = callOptions.signal;
      await table.ensureTable(callerSignal);
      const cutoffTime = new Date(retentionCutoff()).toISOString();
      const index = await readIndex(
        odata`PartitionKey eq ${SERIES_INDEX_PARTITION} and latestEvaluatedAt ge ${cutoffTime}`,
        callerSignal,
      );
      const series = index.series.sort(
        (a, b) => a.service.localeCompare(b.service) || a.comparison.localeCompare(b.comparison),
      );
      return { series, unreadable: index.unreadable };
    },
  };
}

function rowKeyOf(row: Readonly<Record<string, unknown>>): string {
  const key = row['rowKey'];
  if (typeof key !== 'string') throw new TypeError('Table Storage returned an entity without a RowKey');
  return key;
}

async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
