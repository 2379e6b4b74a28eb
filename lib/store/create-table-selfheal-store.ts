import { type TableEntity } from '@azure/data-tables';
import { ClaimLostError } from './claim-lost-error';
import { openTable, tableStatusOf, type TableOptions } from './open-table';
import { toRowKey } from './problem-row-key';
import {
  type ClaimPhase,
  type OutcomeState,
  type ProblemClaim,
  type ProblemRecord,
  type ProblemState,
  type SelfHealStore,
  type TriggeredDeployment,
} from './selfheal-store';
import { StoreUnavailableError } from './store-unavailable-error';
import { RowReader } from './row-reader';

/** How to reach the table and how long claims last. */
export interface TableSelfHealStoreOptions extends TableOptions {
  /** How long a claim protects an attempt before another notification may take it over; default 10 minutes. */
  readonly leaseMs?: number;
  /** Epoch-ms clock for claim times and leases; default `Date.now`. */
  readonly now?: () => number;
}

const PROBLEM_PARTITION = 'problem';
const DEPLOYMENT_PARTITION = 'triggered-deployment';
const DEFAULT_LEASE_MS = 10 * 60_000;
/** Table Storage allows 64 KiB per string property (32 K UTF-16 characters); stay well below it. */
const MAX_DETAILS_CHARS = 30_000;
const TAKEOVER_ROUNDS = 3;
const OUTCOME_STATES: readonly OutcomeState[] = ['remediated', 'nothing-to-do', 'escalated', 'failed'];

type Row = Record<string, string | number | boolean>;

/**
 * A {@link SelfHealStore} in Azure Table Storage (`@azure/data-tables`). Problems live in partition
 * `problem` (RowKey = the problem id), triggered deployments in partition `triggered-deployment`
 * (RowKey = the deployment key). Exactly-once rests on the service's conditional writes: an insert fails
 * with 409 when the row exists, and a replace carrying an etag fails with 412 when someone else wrote
 * the row since it was read.
 *
 * @throws RangeError when the connection string, table name or an option is unusable (never echoing secrets).
 */
export function createTableSelfHealStore(options: TableSelfHealStoreOptions): SelfHealStore {
  const opened = openTable(options);
  const { client: table, tableName } = opened;
  const leaseMs = requirePositive(options.leaseMs ?? DEFAULT_LEASE_MS, 'leaseMs');
  const now = options.now ?? Date.now;

  const readRow = async (partitionKey: string, rowKey: string, operation: string) => {
    try {
      return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey, {
        abortSignal: opened.signal(),
      });
    } catch (error) {
      if (tableStatusOf(error) === 404) return undefined;
      throw opened.failure(operation, error);
    }
  };

  const readProblemRow = async (problemId: string, operation: string) => {
    const rowKey = toRowKey(problemId);
    const row = await readRow(PROBLEM_PARTITION, rowKey, operation);
    return row === undefined
      ? undefined
      : { etag: row.etag, record: toProblemRecord(tableName, rowKey, row) };
  };

  /**
   * Writes the row only if it still carries `etag` and returns the new etag; `undefined` means someone
   * else wrote it first (412).
   */
  const replaceIfUnchanged = async (
    row: Row,
    etag: string,
    operation: string,
  ): Promise<string | undefined> => {
    try {
      const response = await table.updateEntity(
        asEntity(PROBLEM_PARTITION, toRowKey(String(row['problemId'])), row),
        'Replace',
        {
          etag,
          abortSignal: opened.signal(),
        },
      );
      return requireEtag(response.etag, operation, tableName);
    } catch (error) {
      const status = tableStatusOf(error);
      // 404: the row was deleted meanwhile, which for this caller is as good as losing it.
      if (status === 412 || status === 404) return undefined;
      throw opened.failure(operation, error);
    }
  };

  return {
    async claimProblem(request) {
      const label = request.displayId ?? request.problemId;
      const operation = `claim problem ${label}`;
      await opened.ensureTable();
      const attemptRow = (attempt: number): Row =>
        compact({
          problemId: request.problemId,
          displayId: request.displayId,
          title: request.title,
          state: 'in-progress',
          phase: 'investigating',
          attempt,
          claimedAt: new Date(now()).toISOString(),
          leaseExpiresAt: new Date(now() + leaseMs).toISOString(),
          retryable: false,
        });
      const claimOf = (row: Row, etag: string): ProblemClaim => ({
        problemId: request.problemId,
        ...(request.displayId === undefined ? {} : { displayId: request.displayId }),
        ...(request.title === undefined ? {} : { title: request.title }),
        attempt: Number(row['attempt']),
        claimedAt: Date.parse(String(row['claimedAt'])),
        etag,
      });

      for (let round = 0; round < TAKEOVER_ROUNDS; round += 1) {
        const first = attemptRow(1);
        try {
          const created = await table.createEntity(
            asEntity(PROBLEM_PARTITION, toRowKey(request.problemId), first),
            {
              abortSignal: opened.signal(),
            },
          );
          return { kind: 'claimed', claim: claimOf(first, requireEtag(created.etag, operation, tableName)) };
        } catch (error) {
          if (tableStatusOf(error) !== 409) throw opened.failure(operation, error);
        }
        const existing = await readProblemRow(request.problemId, operation);
        if (existing === undefined) continue; // deleted between the insert and the read: insert again
        const { record, etag } = existing;
        if (!canTakeOver(record, now())) {
          return record.state === 'in-progress'
            ? { kind: 'in-progress', record }
            : { kind: 'handled', record };
        }
        const takeover = attemptRow(record.attempt + 1);
        const written = await replaceIfUnchanged(takeover, etag, operation);
        if (written !== undefined)
          return { kind: 'claimed', claim: claimOf(takeover, written), previous: record };
        // Another caller took it over first; the next round reads what it wrote.
      }
      const latest = await readProblemRow(request.problemId, operation);
      if (latest === undefined) {
        throw new StoreUnavailableError(
          operation,
          tableName,
          undefined,
          'the claim row kept changing; giving up',
        );
      }
      return latest.record.state === 'in-progress'
        ? { kind: 'in-progress', record: latest.record }
        : { kind: 'handled', record: latest.record };
    },

    async markActing(claim, action) {
      const operation = 'mark the claim as acting';
      const row = compact({
        problemId: claim.problemId,
        displayId: claim.displayId,
        title: claim.title,
        state: 'in-progress',
        phase: 'acting',
        action,
        attempt: claim.attempt,
        claimedAt: new Date(claim.claimedAt).toISOString(),
        leaseExpiresAt: new Date(now() + leaseMs).toISOString(),
        retryable: false,
      });
      const written = await replaceIfUnchanged(row, claim.etag, operation);
      if (written === undefined) throw new ClaimLostError(claim.problemId, claim.attempt, operation);
      return { ...claim, etag: written };
    },

    async recordOutcome(claim, outcome) {
      const operation = `record the outcome "${outcome.state}"`;
      const completedAt = now();
      const details = serializeDetails(outcome.details);
      const row = compact({
        problemId: claim.problemId,
        displayId: claim.displayId,
        title: claim.title,
        state: outcome.state,
        attempt: claim.attempt,
        claimedAt: new Date(claim.claimedAt).toISOString(),
        completedAt: new Date(completedAt).toISOString(),
        retryable: outcome.state === 'failed' && outcome.retryable,
        summary: outcome.summary,
        details,
      });
      const written = await replaceIfUnchanged(row, claim.etag, operation);
      if (written === undefined) throw new ClaimLostError(claim.problemId, claim.attempt, operation);
      return toProblemRecord(tableName, toRowKey(claim.problemId), row);
    },

    async readProblem(problemId) {
      await opened.ensureTable();
      return (await readProblemRow(problemId, `read problem ${problemId}`))?.record;
    },

    async recordTriggeredDeployment(deployment) {
      const operation = `record the triggered deployment ${deployment.description}`;
      await opened.ensureTable();
      const row = compact({
        deploymentKey: deployment.deploymentKey,
        problemId: deployment.problemId,
        displayId: deployment.displayId,
        attempt: deployment.attempt,
        triggeredAt: new Date(deployment.triggeredAt).toISOString(),
        description: deployment.description,
      });
      try {
        await table.upsertEntity(
          asEntity(DEPLOYMENT_PARTITION, toRowKey(deployment.deploymentKey), row),
          'Replace',
          {
            abortSignal: opened.signal(),
          },
        );
      } catch (error) {
        throw opened.failure(operation, error);
      }
    },

    async findTriggeredDeployment(deploymentKey) {
      await opened.ensureTable();
      const rowKey = toRowKey(deploymentKey);
      const row = await readRow(DEPLOYMENT_PARTITION, rowKey, 'look up a triggered deployment');
      return row === undefined ? undefined : toTriggeredDeployment(tableName, rowKey, row);
    },
  };
}

/** A claim can be taken over when its attempt failed retryably or abandoned it (lease expired). */
function canTakeOver(record: ProblemRecord, now: number): boolean {
  if (record.state === 'failed') return record.retryable;
  if (record.state === 'in-progress') return (record.leaseExpiresAt ?? 0) <= now;
  return false;
}

function toProblemRecord(tableName: string, rowKey: string, row: Record<string, unknown>): ProblemRecord {
  const read = new RowReader(tableName, PROBLEM_PARTITION, rowKey, row);
  const state = read.oneOf<ProblemState>('state', ['in-progress', ...OUTCOME_STATES]);
  const phase = read.optionalOneOf<ClaimPhase>('phase', ['investigating', 'acting']);
  const displayId = read.optionalString('displayId');
  const title = read.optionalString('title');
  const action = read.optionalString('action');
  const leaseExpiresAt = read.optionalTime('leaseExpiresAt');
  const completedAt = read.optionalTime('completedAt');
  const summary = read.optionalString('summary');
  const details = read.optionalJsonObject('details');
  return {
    problemId: read.string('problemId'),
    ...(displayId === undefined ? {} : { displayId }),
    ...(title === undefined ? {} : { title }),
    state,
    ...(phase === undefined ? {} : { phase }),
    ...(action === undefined ? {} : { action }),
    attempt: read.positiveInteger('attempt'),
    claimedAt: read.time('claimedAt'),
    ...(leaseExpiresAt === undefined ? {} : { leaseExpiresAt }),
    ...(completedAt === undefined ? {} : { completedAt }),
    retryable: read.boolean('retryable'),
    ...(summary === undefined ? {} : { summary }),
    ...(details === undefined ? {} : { details }),
  };
}

function toTriggeredDeployment(
  tableName: string,
  rowKey: string,
  row: Record<string, unknown>,
): TriggeredDeployment {
  const read = new RowReader(tableName, DEPLOYMENT_PARTITION, rowKey, row);
  const displayId = read.optionalString('displayId');
  const attempt = read.optionalPositiveInteger('attempt');
  return {
    deploymentKey: read.string('deploymentKey'),
    problemId: read.string('problemId'),
    ...(displayId === undefined ? {} : { displayId }),
    ...(attempt === undefined ? {} : { attempt }),
    triggeredAt: read.time('triggeredAt'),
    description: read.string('description'),
  };
}

/** The details as JSON that fits a table property; oversized details keep their beginning and say so. */
function serializeDetails(details: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(details);
  if (json.length <= MAX_DETAILS_CHARS) return json;
  return JSON.stringify({ truncated: true, excerpt: json.slice(0, MAX_DETAILS_CHARS - 200) });
}

/** Drops undefined values: Table Storage has no "undefined", and a Replace removes what is not sent. */
function compact(row: Record<string, string | number | boolean | undefined>): Row {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as Row;
}

function asEntity(partitionKey: string, rowKey: string, row: Row): TableEntity<Row> {
  return { partitionKey, rowKey, ...row };
}

function requireEtag(etag: string | undefined, operation: string, tableName: string): string {
  if (etag === undefined || etag === '') {
    throw new StoreUnavailableError(
      operation,
      tableName,
      undefined,
      'the service answered without an etag, so later writes could not be guarded',
    );
  }
  return etag;
}

function requirePositive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name}: expected a positive number of milliseconds, found ${value}`);
  }
  return value;
}
