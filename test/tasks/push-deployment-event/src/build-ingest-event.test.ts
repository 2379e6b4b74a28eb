import assert from 'node:assert/strict';

import { buildIngestEvent } from '../../../../tasks/push-deployment-event/src/build-ingest-event';
import { type EventTarget } from '../../../../tasks/push-deployment-event/src/event-target';

const TAGS: EventTarget = {
  kind: 'environment',
  entityType: 'SERVICE',
  environment: {
    name: 'tags',
    match: {
      kind: 'tags',
      tags: [
        { context: 'Environment', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
        { context: 'CONTEXTLESS', key: 'canary' },
      ],
    },
  },
  origin: 'the tags input',
  input: 'tags',
};

describe('buildIngestEvent', () => {
  it('titles the event after the deployment and carries the contract properties', () => {
    assert.deepEqual(
      buildIngestEvent(
        'CUSTOM_ANNOTATION',
        { name: 'shop 1.2', version: '1.2', customProperties: { owner: 'a' } },
        TAGS,
      ),
      {
        eventType: 'CUSTOM_ANNOTATION',
        title: 'shop 1.2',
        entitySelector: 'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging"),tag("canary")',
        properties: {
          owner: 'a',
          'dt.event.deployment.name': 'shop 1.2',
          'dt.event.deployment.version': '1.2',
          'dt.event.is_rootcause_relevant': 'true',
          'dt.event.source': 'Unbreakable Pipeline for Azure DevOps',
          'unbreakable.contract_version': '1',
        },
      },
    );
  });

  it('uses an entity selector target verbatim', () => {
    const event = buildIngestEvent(
      'CUSTOM_DEPLOYMENT',
      { name: 'n', version: 'v' },
      {
        kind: 'selector',
        entitySelector: 'type(HOST),tag("x")',
        origin: 'the entitySelector input',
        input: 'entitySelector',
      },
    );
    assert.equal(event.entitySelector, 'type(HOST),tag("x")');
  });
});
