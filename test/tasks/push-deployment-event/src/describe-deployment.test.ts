import assert from 'node:assert/strict';

import { describeDeployment } from '../../../../tasks/push-deployment-event/src/describe-deployment';
import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import { type DeploymentInputs } from '../../../../tasks/push-deployment-event/src/inputs';
import { readPipelineContext } from '../../../../tasks/push-deployment-event/src/pipeline-context';
import {
  CLASSIC_RELEASE_DEPLOYMENT,
  CLASSIC_RELEASE_VARIABLES,
  YAML_RUN_VARIABLES,
} from '../support/pipeline-fixtures';

const EMPTY: DeploymentInputs = { customProperties: {} };

function contextOf(variables: Readonly<Record<string, string>>) {
  return readPipelineContext((name) => variables[name]);
}

describe('describeDeployment', () => {
  it('uses the pipeline defaults for empty inputs and attaches the release identity', () => {
    assert.deepEqual(describeDeployment(EMPTY, contextOf(CLASSIC_RELEASE_VARIABLES)), {
      name: 'sample-app-CD Release-42',
      version: '20261122.4',
      project: 'Shop',
      releaseStage: 'Production',
      releaseBuildVersion: '20261122.4',
      ciBackLink:
        'https://dev.azure.com/fabrikam/Shop/_releaseProgress?releaseId=42&environmentId=118&_a=release-environment-logs',
      remediationActionLink: undefined,
      rollbackOfProblem: undefined,
      deployment: CLASSIC_RELEASE_DEPLOYMENT,
      customProperties: {},
    });
  });

  it('prefers every given input over its default, and keeps the build number as the build version', () => {
    const description = describeDeployment(
      {
        name: 'shop',
        version: '1.4.2',
        project: 'Web',
        releaseStage: 'prod-eu',
        ciBackLink: 'https://ci.example.net/1',
        remediationActionLink: 'https://tower.example.net/launch',
        customProperties: { owner: 'team-a' },
      },
      contextOf(YAML_RUN_VARIABLES),
    );
    assert.equal(description.name, 'shop');
    assert.equal(description.version, '1.4.2');
    assert.equal(description.project, 'Web');
    assert.equal(description.releaseStage, 'prod-eu');
    assert.equal(description.ciBackLink, 'https://ci.example.net/1');
    assert.equal(description.remediationActionLink, 'https://tower.example.net/launch');
    assert.equal(description.releaseBuildVersion, '20261122.4');
    assert.deepEqual(description.customProperties, { owner: 'team-a' });
  });

  it('refuses to invent a name or version outside a pipeline, naming the input to set', () => {
    assert.throws(
      () => describeDeployment(EMPTY, contextOf({})),
      (error: unknown) => error instanceof InputError && error.input === 'deploymentName',
    );
    assert.throws(
      () => describeDeployment({ ...EMPTY, name: 'tool' }, contextOf({})),
      (error: unknown) =>
        error instanceof InputError &&
        error.input === 'deploymentVersion' &&
        /no build number/.test(error.message),
    );
  });
});
