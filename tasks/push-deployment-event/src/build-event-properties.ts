import {
  buildDeploymentEventProperties,
  type DeploymentEventDescription,
} from '../../../lib/deployment-event/deployment-event-properties';
import { InputError } from './input-error';
import { InputName } from './inputs';

/** Dynatrace keeps at most 100 properties per event (api-facts A.2). */
export const MAX_EVENT_PROPERTIES = 100;

/**
 * The event's properties (the deployment event contract plus custom properties), checked against
 * Dynatrace's limit so that an oversized event fails here, naming the input, rather than coming back as
 * `INVALID_METADATA`.
 *
 * @throws InputError when the custom properties push the event over the limit.
 */
export function buildEventProperties(description: DeploymentEventDescription): Record<string, string> {
  const properties = buildDeploymentEventProperties(description);
  const count = Object.keys(properties).length;
  if (count > MAX_EVENT_PROPERTIES) {
    const custom = Object.keys(description.customProperties ?? {}).length;
    throw new InputError(
      InputName.customProperties,
      `the event would carry ${count} properties (${custom} of them custom); Dynatrace accepts at most ` +
        `${MAX_EVENT_PROPERTIES}, so give at most ${MAX_EVENT_PROPERTIES - (count - custom)} custom properties`,
    );
  }
  return properties;
}
