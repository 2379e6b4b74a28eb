import {
  type DeploymentEventDescription,
  DeploymentEventProperty,
  EVENT_SOURCE,
} from '../../../lib/deployment-event/deployment-event-properties';
import { type EventCreation } from '../../../lib/dynatrace';
import { buildAttachRules } from './build-attach-rules';
import { buildEventProperties } from './build-event-properties';
import { type EventTarget } from './event-target';
import { type EventType } from './inputs';

const P = DeploymentEventProperty;

/**
 * v1 has dedicated fields for these contract properties (api-facts A.4); Dynatrace reads them back as the
 * same `dt.event.*` properties through Events API v2.
 */
const V1_FIELDS = {
  deploymentName: P.name,
  deploymentVersion: P.version,
  deploymentProject: P.project,
  ciBackLink: P.ciBackLink,
  remediationAction: P.remediationActionLink,
  source: P.source,
} as const;

const mappedKeys: ReadonlySet<string> = new Set(Object.values(V1_FIELDS));

/**
 * The Events API v1 body (`POST /api/v1/events`) for legacy tenants. It carries the same contract values
 * as the v2 event: the six with a v1 field in those fields, every other property in `customProperties`
 * under its contract name.
 */
export function buildV1Event(
  eventType: EventType,
  description: DeploymentEventDescription,
  target: EventTarget,
): EventCreation {
  const properties = buildEventProperties(description);
  const field = (key: string): string | undefined => properties[key];
  const customProperties = Object.fromEntries(
    Object.entries(properties).filter(([key]) => !mappedKeys.has(key)),
  );
  return {
    eventType,
    source: EVENT_SOURCE,
    attachRules: buildAttachRules(target),
    title: description.name,
    deploymentName: field(V1_FIELDS.deploymentName),
    deploymentVersion: field(V1_FIELDS.deploymentVersion),
    deploymentProject: field(V1_FIELDS.deploymentProject),
    ciBackLink: field(V1_FIELDS.ciBackLink),
    remediationAction: field(V1_FIELDS.remediationAction),
    customProperties,
  };
}
