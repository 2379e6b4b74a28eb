import { type CulpritGroup, type ProblemReference } from '../../lib/remediation';
import { type SelfHealDependencies } from './selfheal-dependencies';
import { type SelfHealLog } from './selfheal-log';

/** What every remediation action gets. */
export interface ActionContext {
  readonly deps: SelfHealDependencies;
  readonly problem: ProblemReference;
  /** Epoch ms. */
  readonly problemStart: number;
  readonly culprit: CulpritGroup;
  readonly log: SelfHealLog;
  /**
   * Must be awaited right before the one request that changes something: it marks the claim as acting
   * (etag-checked, renewing the lease) and throws `ClaimLostError` when another attempt took over.
   */
  beforeChange(description: string): Promise<void>;
}
