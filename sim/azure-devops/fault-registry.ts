/**
 * Injected failures, in the same shape as the Dynatrace simulator's: a rule matches by method (optional,
 * case-insensitive) and path, and affects `times` matching requests (default: until cleared). Rules apply
 * in the order they were added; the first rule with budget left wins.
 *
 * A string `path` matches when the decoded request path equals it or ends with it (case-insensitive), so
 * `'/_apis/release/deployments'` hits the deployments route of any project; a RegExp is tested against
 * the decoded path.
 */
export type FaultRule = {
  readonly method?: string;
  readonly path: string | RegExp;
  readonly times?: number;
} & (
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number; readonly message?: string }
  | { readonly kind: 'rateLimit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'reset' }
);

/** The rule set of one simulator. */
export interface FaultRegistry {
  add(rule: FaultRule): void;
  clear(): void;
}

/** A registry that also lets the server take the fault for a request. */
export interface FaultSource extends FaultRegistry {
  /** The fault to apply to this request, consuming one use of its rule. */
  take(method: string, path: string): FaultRule | undefined;
}

/** Creates an empty rule set. */
export function createFaultRegistry(): FaultSource {
  const rules: { rule: FaultRule; remaining: number }[] = [];
  return {
    add(rule) {
      if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1)) {
        throw new Error(`fault rule times must be a positive integer, got ${rule.times}`);
      }
      rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      rules.length = 0;
    },
    take(method, path) {
      const entry = rules.find(({ rule, remaining }) => remaining > 0 && matches(rule, method, path));
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      return entry.rule;
    },
  };
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof rule.path === 'string') {
    const lowerPath = path.toLowerCase();
    const wanted = rule.path.toLowerCase();
    return lowerPath === wanted || lowerPath.endsWith(wanted);
  }
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}
