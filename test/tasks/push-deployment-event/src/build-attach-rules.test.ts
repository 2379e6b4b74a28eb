import assert from 'node:assert/strict';

import { buildAttachRules } from '../../../../tasks/push-deployment-event/src/build-attach-rules';
import { type EventTarget } from '../../../../tasks/push-deployment-event/src/event-target';
import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';

function tagsTarget(context: string): EventTarget {
  return {
    kind: 'environment',
    entityType: 'PROCESS_GROUP_INSTANCE',
    environment: {
      name: 'Staging',
      match: {
        kind: 'tags',
        tags: [
          { context, key: 'stage', value: 'staging' },
          { context: 'CONTEXTLESS', key: 'canary' },
        ],
      },
    },
    origin: 'environment "Staging" of "Checkout" in /specs/monspec.json',
    input: 'monspecFile',
  };
}

describe('buildAttachRules', () => {
  it('turns tags into one tag rule whose tags must all match, with v1’s upper-case contexts', () => {
    assert.deepEqual(buildAttachRules(tagsTarget('Kubernetes')), {
      tagRule: [
        {
          meTypes: ['PROCESS_GROUP_INSTANCE'],
          tags: [
            { context: 'KUBERNETES', key: 'stage', value: 'staging' },
            { context: 'CONTEXTLESS', key: 'canary' },
          ],
        },
      ],
    });
  });

  it('turns explicit entities into entity ids', () => {
    const target: EventTarget = {
      kind: 'environment',
      entityType: 'SERVICE',
      environment: { name: 'Prod', match: { kind: 'entities', entities: ['SERVICE-1', 'SERVICE-2'] } },
      origin: 'x',
      input: 'monspecFile',
    };
    assert.deepEqual(buildAttachRules(target), { entityIds: ['SERVICE-1', 'SERVICE-2'] });
  });

  it('refuses a tag context v1 does not know, naming where the tag came from', () => {
    assert.throws(
      () => buildAttachRules(tagsTarget('Team')),
      (error: unknown) =>
        error instanceof InputError &&
        error.input === 'monspecFile' &&
        error.message.includes('the tag context "Team" (environment "Staging" of "Checkout"') &&
        error.message.includes('expected one of AWS, AWS_GENERIC, AZURE'),
    );
  });

  it('refuses an entity selector, which v1 cannot express', () => {
    assert.throws(
      () =>
        buildAttachRules({
          kind: 'selector',
          entitySelector: 'type(HOST)',
          origin: 'the entitySelector input',
          input: 'entitySelector',
        }),
      (error: unknown) =>
        error instanceof InputError &&
        error.input === 'targeting' &&
        /needs Events API v2/.test(error.message),
    );
  });
});
