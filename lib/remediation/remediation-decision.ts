import {
  type ClassicReleaseDeployment,
  type YamlRunDeployment,
} from '../deployment-event/deployment-event-properties';
import { type EntityFinding } from './find-entity-culprit';
import { type CulpritGroup } from './group-culprits';

/** Why a problem is handed to a person (by a problem comment) instead of being remediated. */
export type EscalationReason =
  /** The suspected deployment is itself a rollback (marker on its event, or recorded as ours). */
  | 'culprit-is-rollback'
  /** The entities point to more than one deployment of ours. */
  | 'conflicting-culprits'
  /** The event is ours but does not say which release or run it was. */
  | 'incomplete-deployment-identity'
  /** The deployment's organization is not one the Azure DevOps token may be sent to. */
  | 'collection-not-allowed'
  /** The event's remediation action link may not be called. */
  | 'remediation-link-not-allowed'
  /** Azure DevOps does not know the deployment the event describes, or knows it differently. */
  | 'deployment-mismatch'
  /** No earlier release or run succeeded in the same stage. */
  | 'no-previous-good-deployment'
  /** A change may have been made by an attempt that did not finish; repeating it could do it twice. */
  | 'outcome-unknown';

/** What to do about a problem, decided by `decideRemediation`. */
export type RemediationDecision =
  | {
      /** No deployment of ours on any impacted entity: not ours to fix. */
      readonly kind: 'nothing-to-do';
      readonly message: string;
      readonly findings: readonly EntityFinding[];
    }
  | {
      readonly kind: 'escalate';
      readonly reason: EscalationReason;
      readonly message: string;
      readonly culprits: readonly CulpritGroup[];
    }
  | {
      /** Redeploy the stage of the most recent earlier release that succeeded there. */
      readonly kind: 'roll-back-release';
      readonly culprit: CulpritGroup;
      readonly deployment: ClassicReleaseDeployment;
      /** The allowed (configured) organization URL the deployment belongs to. */
      readonly collectionUrl: string;
    }
  | {
      /** Re-run the stage of the most recent earlier run in which it succeeded. */
      readonly kind: 're-run-stage';
      readonly culprit: CulpritGroup;
      readonly deployment: YamlRunDeployment;
      readonly collectionUrl: string;
    }
  | {
      /** POST the problem to the remediation action link of the deployment's event. */
      readonly kind: 'call-remediation-action';
      readonly culprit: CulpritGroup;
      readonly url: string;
    };
