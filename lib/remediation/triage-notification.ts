import { type ProblemNotification } from './problem-notification';

/** The title of the notification Dynatrace's "Send test notification" button posts. */
export const TEST_NOTIFICATION_TITLE = 'Dynatrace problem notification test run';
/** The `{PID}` of that test notification. */
export const TEST_NOTIFICATION_PID = '99999';

/** Whether a notification calls for remediation at all. */
export type NotificationTriage =
  | { readonly kind: 'act' }
  | { readonly kind: 'ignore'; readonly reason: 'test-notification' | 'not-open'; readonly message: string };

/**
 * Only an `OPEN` problem is remediated. Dynatrace also notifies when a problem is resolved (and, with
 * merge notifications on, when events merge into it), and its test button sends a synthetic problem that
 * exists nowhere; those are acknowledged and ignored, before anything is claimed or called.
 */
export function triageNotification(notification: ProblemNotification): NotificationTriage {
  if (
    notification.title?.toLowerCase() === TEST_NOTIFICATION_TITLE.toLowerCase() ||
    notification.problemId === TEST_NOTIFICATION_PID
  ) {
    return {
      kind: 'ignore',
      reason: 'test-notification',
      message:
        "This is Dynatrace's test notification: the webhook reached the self-healing function. Nothing was done.",
    };
  }
  if (notification.state !== 'OPEN') {
    return {
      kind: 'ignore',
      reason: 'not-open',
      message: `The problem's state is ${notification.state}; only OPEN problems are remediated. Nothing was done.`,
    };
  }
  return { kind: 'act' };
}
