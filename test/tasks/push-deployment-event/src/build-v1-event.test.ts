import assert from 'node:assert/strict';

import { buildDeploymentEventProperties } from '../../../../lib/deployment-event/deployment-event-properties';
import { buildV1Event } from '../../../../tasks/push-deployment-event/src/build-v1-event';
import { CLASSIC_RELEASE_DEPLOYMENT } from '../support/pipeline-fixtures';

describe('buildV1Event', () => {
  const description = {
    name: 'shop 1.2',
    version: '1.2',
    project: 'Shop',
    releaseStage: 'Production',
    ciBackLink: 'https://ci.example.net/1',
    remediationActionLink: 'https://tower.example.net/launch',
    rollbackOfProblem: 'P-1',
    deployment: CLASSIC_RELEASE_DEPLOYMENT,
    customProperties: { owner: 'team-a' },
  };

  it('moves the six contract properties v1 has fields for into those fields and keeps the rest', () => {
    const event = buildV1Event('CUSTOM_DEPLOYMENT', description, {
      kind: 'environment',
      entityType: 'SERVICE',
      environment: { name: 'Prod', match: { kind: 'entities', entities: ['SERVICE-1'] } },
      origin: 'x',
      input: 'monspecFile',
    });
    const { customProperties, ...fields } = event;
    assert.deepEqual(fields, {
      eventType: 'CUSTOM_DEPLOYMENT',
      source: 'Unbreakable Pipeline for Azure DevOps',
      attachRules: { entityIds: ['SERVICE-1'] },
      title: 'shop 1.2',
      deploymentName: 'shop 1.2',
      deploymentVersion: '1.2',
      deploymentProject: 'Shop',
      ciBackLink: 'https://ci.example.net/1',
      remediationAction: 'https://tower.example.net/launch',
    });
    // Together, fields and custom properties carry exactly the v2 properties.
    const v2 = buildDeploymentEventProperties(description);
    assert.deepEqual(
      {
        ...customProperties,
        'dt.event.deployment.name': fields.deploymentName,
        'dt.event.deployment.version': fields.deploymentVersion,
        'dt.event.deployment.project': fields.deploymentProject,
        'dt.event.deployment.ci_back_link': fields.ciBackLink,
        'dt.event.deployment.remediation_action_link': fields.remediationAction,
        'dt.event.source': fields.source,
      },
      v2,
    );
    assert.equal(customProperties?.['unbreakable.rollback.problem_id'], 'P-1');
    assert.equal(customProperties?.['dt.event.deployment.name'], undefined);
  });
});
