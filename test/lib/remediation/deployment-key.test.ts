import assert from 'node:assert/strict';
import { deploymentKey, describeDeployment } from '../../../lib/remediation';
import { classic, yaml } from './remediation-test-kit';

describe('deploymentKey', () => {
  it('identifies a release stage by collection, project, release and release environment', () => {
    assert.equal(
      deploymentKey(classic(5)),
      'classic|https://dev.azure.com/fabrikam/|fabrikam fiber|release 5|environment 52',
    );
  });

  it('identifies a run stage by collection, project, pipeline, run and stage', () => {
    assert.equal(
      deploymentKey(yaml(44)),
      'yaml|https://dev.azure.com/fabrikam/|fabrikam fiber|pipeline 7|run 44|stage production',
    );
  });

  it('is the same for every attempt and every spelling of the collection, project and stage', () => {
    assert.equal(
      deploymentKey(
        classic(5, {
          attempt: 3,
          collectionUri: 'https://DEV.azure.com/fabrikam',
          project: 'FABRIKAM FIBER',
        }),
      ),
      deploymentKey(classic(5)),
    );
    assert.equal(
      deploymentKey(yaml(44, { stageAttempt: 2, stageName: 'PRODUCTION' })),
      deploymentKey(yaml(44)),
    );
  });

  it('tells different releases, stages and runs apart', () => {
    const keys = new Set([
      deploymentKey(classic(5)),
      deploymentKey(classic(4)),
      deploymentKey(classic(5, { releaseEnvironmentId: 51 })),
      deploymentKey(yaml(44)),
      deploymentKey(yaml(44, { stageName: 'Staging' })),
    ]);
    assert.equal(keys.size, 5);
  });
});

describe('describeDeployment', () => {
  it('names a release stage', () => {
    assert.equal(describeDeployment(classic(5)), 'Release-5 of SampleNodeJsService-CD, stage Production');
    assert.equal(
      describeDeployment(classic(5, { releaseName: undefined, definitionName: undefined })),
      'release 5 of release pipeline 1, stage Production',
    );
  });

  it('names a run stage', () => {
    assert.equal(
      describeDeployment(yaml(44)),
      'run 20260115.44 (44) of SampleNodeJsService-CD, stage Production',
    );
    assert.equal(
      describeDeployment(yaml(44, { runName: undefined, pipelineName: undefined })),
      'run 44 of pipeline 7, stage Production',
    );
  });
});
