import assert from 'node:assert/strict';

import { deploymentDefaults } from '../../../../tasks/push-deployment-event/src/deployment-defaults';
import { readPipelineContext } from '../../../../tasks/push-deployment-event/src/pipeline-context';
import { CLASSIC_RELEASE_VARIABLES, YAML_RUN_VARIABLES } from '../support/pipeline-fixtures';

function defaultsOf(variables: Readonly<Record<string, string>>) {
  return deploymentDefaults(readPipelineContext((name) => variables[name]));
}

describe('deploymentDefaults', () => {
  it('derives name, version, project, stage and a link to the stage logs in a classic release', () => {
    assert.deepEqual(defaultsOf(CLASSIC_RELEASE_VARIABLES), {
      name: 'sample-app-CD Release-42',
      version: '20261122.4',
      project: 'Shop',
      releaseStage: 'Production',
      ciBackLink:
        'https://dev.azure.com/fabrikam/Shop/_releaseProgress?releaseId=42&environmentId=118&_a=release-environment-logs',
    });
  });

  it('derives name, version, project, stage and a link to the run results in a YAML run', () => {
    assert.deepEqual(defaultsOf(YAML_RUN_VARIABLES), {
      name: 'sample-app 20261122.4',
      version: '20261122.4',
      project: 'Shop',
      releaseStage: 'production',
      ciBackLink: 'https://dev.azure.com/fabrikam/Shop/_build/results?buildId=3051',
    });
  });

  it('encodes the project name in links', () => {
    const variables = { ...YAML_RUN_VARIABLES, 'System.TeamProject': 'Web Shop' };
    assert.equal(
      defaultsOf(variables).ciBackLink,
      'https://dev.azure.com/fabrikam/Web%20Shop/_build/results?buildId=3051',
    );
  });

  it('falls back to the release name as the version when the release has no build artifact', () => {
    const variables = Object.fromEntries(
      Object.entries(CLASSIC_RELEASE_VARIABLES).filter(
        ([name]) => name !== 'Release.Artifacts._sample-app.BuildNumber' && name !== 'Build.BuildNumber',
      ),
    );
    assert.equal(defaultsOf(variables).version, 'Release-42');
  });

  it('offers nothing it cannot derive outside a pipeline', () => {
    assert.deepEqual(defaultsOf({}), {
      name: undefined,
      version: undefined,
      project: undefined,
      releaseStage: undefined,
      ciBackLink: undefined,
    });
  });
});
