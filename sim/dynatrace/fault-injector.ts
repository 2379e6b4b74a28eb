/** Which requests a fault rule affects. */
export interface FaultTarget {
  /** HTTP method (case-insensitive); any method when absent. */
  readonly method?: string;
  /** Exact request path (without query string), or a pattern tested against it. */
  readonly path: string | RegExp;
  /** How many matching requests the rule affects; until cleared when absent. */
  readonly times?: number;
}

/** A fault to inject. Rules apply in the order they were added; the first matching rule wins. */
export type FaultRule = FaultTarget &
  (
    | { readonly kind: 'latency'; readonly ms: number }
    | { readonly kind: 'status'; readonly status: number; readonly message?: string }
    | { readonly kind: 'rateLimit'; readonly resetInMs: number; readonly retryAfterSeconds?: number }
    | { readonly kind: 'hang' }
    | { readonly kind: 'reset' }
    | { readonly kind: 'unmatched' }
  );

export type FaultKind = FaultRule['kind'];

interface ActiveRule {
  readonly rule: FaultRule;
  readonly pattern: RegExp | undefined;
  remaining: number;
}

/** The fault rules of one simulator. */
export class FaultInjector {
  private rules: ActiveRule[] = [];

  /** Adds a rule after the existing ones; throws a `RangeError` naming the invalid field. */
  add(rule: FaultRule): void {
    validateRule(rule);
    this.rules.push({
      rule,
      // A copy without the g/y flags, so `test` never depends on a previous call's lastIndex.
      pattern:
        rule.path instanceof RegExp
          ? new RegExp(rule.path.source, rule.path.flags.replace(/[gy]/g, ''))
          : undefined,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The rules that still affect requests, in order. */
  list(): readonly FaultRule[] {
    return this.rules.map((active) => active.rule);
  }

  /**
   * The first rule of one of `kinds` that matches the request, counting the request against its `times`.
   * Rules of other kinds are neither returned nor consumed.
   */
  take(method: string, path: string, kinds: readonly FaultKind[]): FaultRule | undefined {
    const active = this.rules.find(
      (candidate) =>
        candidate.remaining > 0 &&
        kinds.includes(candidate.rule.kind) &&
        (candidate.rule.method === undefined ||
          candidate.rule.method.toUpperCase() === method.toUpperCase()) &&
        (candidate.pattern ? candidate.pattern.test(path) : candidate.rule.path === path),
    );
    if (!active) return undefined;
    active.remaining -= 1;
    this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
    return active.rule;
  }
}

function validateRule(rule: FaultRule): void {
  const fail = (message: string): never => {
    throw new RangeError(`invalid fault rule: ${message}`);
  };
  if (typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) {
    fail(`path must be a string or a RegExp, found ${typeof rule.path}`);
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    fail(`times must be a positive integer, found ${String(rule.times)}`);
  }
  switch (rule.kind) {
    case 'latency':
      if (!(Number.isFinite(rule.ms) && rule.ms >= 0))
        fail(`latency ms must be a number ≥ 0, found ${String(rule.ms)}`);
      break;
    case 'status':
      if (!(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)) {
        fail(`status must be an HTTP error status 400–599, found ${String(rule.status)}`);
      }
      break;
    case 'rateLimit':
      if (!(Number.isFinite(rule.resetInMs) && rule.resetInMs >= 0)) {
        fail(`resetInMs must be a number ≥ 0, found ${String(rule.resetInMs)}`);
      }
      if (
        rule.retryAfterSeconds !== undefined &&
        !(Number.isInteger(rule.retryAfterSeconds) && rule.retryAfterSeconds >= 0)
      ) {
        fail(`retryAfterSeconds must be an integer ≥ 0, found ${String(rule.retryAfterSeconds)}`);
      }
      break;
    case 'hang':
    case 'reset':
    case 'unmatched':
      break;
    default:
      fail(
        `kind must be one of latency, status, rateLimit, hang, reset, unmatched; found ${JSON.stringify((rule as { kind: unknown }).kind)}`,
      );
  }
}
