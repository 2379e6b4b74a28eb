import { type EventCreation, type V1Tag } from '../../../lib/dynatrace';
import { type EventTarget } from './event-target';
import { InputError } from './input-error';
import { InputName } from './inputs';

/** The tag contexts Events API v1 accepts (api-facts A.4). */
export const V1_TAG_CONTEXTS = [
  'AWS',
  'AWS_GENERIC',
  'AZURE',
  'CLOUD_FOUNDRY',
  'CONTEXTLESS',
  'ENVIRONMENT',
  'GOOGLE_CLOUD',
  'KUBERNETES',
] as const;

/**
 * The v1 `attachRules` equivalent of a target: one tag rule (all tags must match, like the v2 selector)
 * or the explicit entity ids.
 *
 * @throws InputError for an entity selector, which v1 cannot express, or a tag context v1 does not know.
 */
export function buildAttachRules(target: EventTarget): EventCreation['attachRules'] {
  if (target.kind === 'selector') {
    throw new InputError(
      InputName.targeting,
      `entitySelector needs Events API v2, but ${InputName.apiVersion} is v1; target by tags or monspec, ` +
        'or use API version v2',
    );
  }
  const { match } = target.environment;
  if (match.kind === 'entities') return { entityIds: [...match.entities] };
  const tags = match.tags.map((tag): V1Tag => {
    const context = tag.context.toUpperCase();
    if (!(V1_TAG_CONTEXTS as readonly string[]).includes(context)) {
      throw new InputError(
        target.input,
        `the tag context "${tag.context}" (${target.origin}) is not one Events API v1 accepts; ` +
          `expected one of ${V1_TAG_CONTEXTS.join(', ')}, or use API version v2`,
      );
    }
    return tag.value === undefined ? { context, key: tag.key } : { context, key: tag.key, value: tag.value };
  });
  return { tagRule: [{ meTypes: [target.entityType], tags }] };
}
