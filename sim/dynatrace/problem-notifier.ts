import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import {
  isJsonContentType,
  type NotificationValues,
  renderNotificationPayload,
} from './notification-payload';
import {
  DEFAULT_NOTIFICATION_TIMEOUT_MS,
  type NotificationTarget,
  contentTypeOf,
  matchesAlertingProfile,
  targetName,
  validateNotificationTarget,
  withoutQuery,
} from './notification-target';
import {
  type NotificationState,
  problemNotificationValues,
  testNotificationValues,
} from './notification-values';
import { type ProblemChange, type SimulatorState } from './simulator-state';

/** One POST of a notification, as the simulator's delivery log records it. */
export interface NotificationDelivery {
  /** 1, 2, … in the order the notifications were raised. */
  readonly sequence: number;
  /** The target's name (see `NotificationTarget.name`). */
  readonly target: string;
  /** The URL without its query string (which may hold a key). */
  readonly url: string;
  readonly state: NotificationState;
  readonly problemId: string;
  readonly displayId: string;
  /** Sent by "Send test notification". */
  readonly test: boolean;
  /** The filled-in payload that was POSTed. */
  readonly payload: string;
  /** Simulator clock when the notification was raised. */
  readonly raisedAt: number;
  /** The receiver's HTTP status; `null` while in flight or when no answer came. */
  readonly status: number | null;
  /** The receiver's answer (at most 64 KiB). */
  readonly responseBody: string;
  /** Why no answer came (connection refused, timeout, simulator closed). */
  readonly error: string | undefined;
  /** Simulator clock when the delivery ended; `undefined` while in flight. */
  readonly completedAt: number | undefined;
}

type MutableDelivery = { -readonly [Key in keyof NotificationDelivery]: NotificationDelivery[Key] };

const MAX_RESPONSE_BYTES = 64 * 1024;

/** What a simulator offers to configure and observe problem notifications (see `ProblemNotifier`). */
export interface ProblemNotifications {
  readonly targets: readonly NotificationTarget[];
  readonly deliveries: readonly NotificationDelivery[];
  configure(targets: readonly NotificationTarget[]): void;
  add(target: NotificationTarget): void;
  clear(): void;
  sendTestNotification(): Promise<readonly NotificationDelivery[]>;
  idle(): Promise<void>;
}

/**
 * Problem notifications like Dynatrace's custom integration: when a problem opens (`OPEN`) or closes
 * (`RESOLVED`), every configured target whose alerting profile matches gets an HTTP POST of its payload
 * template, filled in (see `renderNotificationPayload`). Deliveries to one target go out one after the
 * other, in the order the notifications were raised, so a receiver sees OPEN before RESOLVED. A failed
 * delivery is recorded and not retried (Dynatrace's retry policy is undocumented).
 */
export class ProblemNotifier implements ProblemNotifications {
  private configured: NotificationTarget[] = [];
  private readonly log: MutableDelivery[] = [];
  /** Per target name, the end of its delivery queue. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly context: {
      readonly state: SimulatorState;
      readonly clock: () => number;
      /** The environment URL, for `{ProblemURL}` (known once the server listens). */
      readonly environmentUrl: () => string;
      /** Aborted when the simulator closes; ends deliveries in flight. */
      readonly shutdown: AbortSignal;
    },
  ) {}

  /** The configured targets. */
  get targets(): readonly NotificationTarget[] {
    return [...this.configured];
  }

  /** Every delivery so far, oldest first (records of deliveries in flight complete later). */
  get deliveries(): readonly NotificationDelivery[] {
    return this.log;
  }

  /** Replaces the targets; all are validated before any is used. */
  configure(targets: readonly NotificationTarget[]): void {
    const validated = targets.map((target, index) =>
      validateNotificationTarget(target, `notifications[${index}]`),
    );
    this.configured = validated;
  }

  /** Adds one target (validated). */
  add(target: NotificationTarget): void {
    this.configured.push(validateNotificationTarget(target));
  }

  /** Removes every target and forgets the delivery log. Deliveries in flight still complete. */
  clear(): void {
    this.configured = [];
    this.log.splice(0);
  }

  /** Raises the notifications of a problem change (the state calls this when a problem opens or closes). */
  notify(change: ProblemChange): void {
    const notificationState: NotificationState = change.kind === 'opened' ? 'OPEN' : 'RESOLVED';
    for (const target of this.configured) {
      if (!matchesAlertingProfile(target, change.problem, this.context.state)) continue;
      const values = problemNotificationValues(
        change.problem,
        this.context.state,
        notificationState,
        this.context.environmentUrl(),
        this.context.clock(),
      );
      this.enqueue(target, values, {
        state: notificationState,
        problemId: change.problem.problemId,
        displayId: change.problem.displayId,
        test: false,
      });
    }
  }

  /**
   * "Send test notification": posts the documented synthetic payload (PID 99999, title "Dynatrace problem
   * notification test run") to every target, regardless of alerting profiles, and resolves with the
   * deliveries once they have ended.
   */
  async sendTestNotification(): Promise<readonly NotificationDelivery[]> {
    const values = testNotificationValues(this.context.environmentUrl(), this.context.clock());
    const sent = this.configured.map((target) =>
      this.enqueue(target, values, { state: 'OPEN', problemId: '99999', displayId: '999', test: true }),
    );
    await Promise.all(sent.map((delivery) => delivery.done));
    return sent.map((delivery) => delivery.record);
  }

  /** Resolves once no delivery is in flight (including ones raised while waiting). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private enqueue(
    target: NotificationTarget,
    values: NotificationValues,
    about: Pick<NotificationDelivery, 'state' | 'problemId' | 'displayId' | 'test'>,
  ): { record: NotificationDelivery; done: Promise<void> } {
    const contentType = contentTypeOf(target);
    const record: MutableDelivery = {
      sequence: this.log.length + 1,
      target: targetName(target),
      url: withoutQuery(target.url),
      ...about,
      payload: renderNotificationPayload(target.payload, values, { json: isJsonContentType(contentType) }),
      raisedAt: this.context.clock(),
      status: null,
      responseBody: '',
      error: undefined,
      completedAt: undefined,
    };
    this.log.push(record);
    const name = record.target;
    const previous = this.queues.get(name) ?? Promise.resolve();
    const done = previous.then(() => this.deliver(target, record));
    this.queues.set(name, done);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return { record, done };
  }

  private async deliver(target: NotificationTarget, record: MutableDelivery): Promise<void> {
    try {
      const answer = await post(target, record.payload, this.context.shutdown);
      record.status = answer.status;
      record.responseBody = answer.body;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    } finally {
      record.completedAt = this.context.clock();
    }
  }
}

/** POSTs a payload with the target's headers; rejects on network errors, timeouts and shutdown. */
function post(
  target: NotificationTarget,
  payload: string,
  shutdown: AbortSignal,
): Promise<{ status: number; body: string }> {
  const url = new URL(target.url);
  const body = Buffer.from(payload, 'utf8');
  const headers: Record<string, string> = {
    ...(contentTypeOf(target) === undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'User-Agent': 'Dynatrace problem notification (simulator)',
    ...target.headers,
    'Content-Length': String(body.length),
  };
  const timeoutMs = target.timeoutMs ?? DEFAULT_NOTIFICATION_TIMEOUT_MS;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    if (shutdown.aborted) {
      reject(new Error('the simulator was closed before the notification was sent'));
      return;
    }
    // A fresh connection per delivery (agent: false), so no pooled socket outlives the simulator.
    const outgoing = send(url, { method: 'POST', headers, agent: false }, (incoming: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
        size += chunk.length;
      });
      incoming.on('end', () => {
        finish();
        resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      incoming.on('error', fail);
    });
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms (POST ${targetName(target)})`)),
      timeoutMs,
    );
    const onShutdown = (): void => {
      outgoing.destroy(new Error('the simulator was closed during the delivery'));
    };
    shutdown.addEventListener('abort', onShutdown, { once: true });
    function finish(): void {
      clearTimeout(timer);
      shutdown.removeEventListener('abort', onShutdown);
    }
    function fail(error: Error): void {
      finish();
      reject(error);
    }
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}
