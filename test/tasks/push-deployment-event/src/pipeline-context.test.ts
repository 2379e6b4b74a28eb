import assert from 'node:assert/strict';

import {
  PipelineVariableError,
  readPipelineContext,
} from '../../../../tasks/push-deployment-event/src/pipeline-context';
import {
  CLASSIC_RELEASE_DEPLOYMENT,
  CLASSIC_RELEASE_VARIABLES,
  YAML_RUN_DEPLOYMENT,
  YAML_RUN_VARIABLES,
} from '../support/pipeline-fixtures';

function contextOf(variables: Readonly<Record<string, string>>) {
  return readPipelineContext((name) => variables[name]);
}

function without(variables: Readonly<Record<string, string>>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([name]) => !names.includes(name)));
}

describe('readPipelineContext', () => {
  it('reads a classic release (Release.ReleaseId set) even though Build.* describes its primary artifact', () => {
    assert.deepEqual(contextOf(CLASSIC_RELEASE_VARIABLES), {
      teamProject: 'Shop',
      stageName: 'Production',
      rollbackOfProblem: undefined,
      deployment: CLASSIC_RELEASE_DEPLOYMENT,
      definitionName: 'sample-app-CD',
      runName: 'Release-42',
      buildNumber: '20261122.4',
    });
  });

  it("takes a classic release's build number from its primary artifact, else from Build.BuildNumber", () => {
    const variables = {
      ...CLASSIC_RELEASE_VARIABLES,
      'Release.Artifacts._sample-app.BuildNumber': '7.0.1',
      'Build.BuildNumber': '20261122.4',
    };
    assert.equal(contextOf(variables).buildNumber, '7.0.1');
    assert.equal(
      contextOf(without(variables, 'Release.PrimaryArtifactSourceAlias')).buildNumber,
      '20261122.4',
    );
  });

  it('reads a YAML run (Build.BuildId and System.StageName set, no release)', () => {
    assert.deepEqual(contextOf(YAML_RUN_VARIABLES), {
      teamProject: 'Shop',
      stageName: 'production',
      rollbackOfProblem: undefined,
      deployment: YAML_RUN_DEPLOYMENT,
      definitionName: 'sample-app',
      runName: '20261122.4',
      buildNumber: '20261122.4',
    });
  });

  it('names the stage of a YAML run outside a deployment job after System.StageName, attempt 1 when unknown', () => {
    const context = contextOf(
      without(YAML_RUN_VARIABLES, 'Environment.Name', 'Environment.Id', 'System.StageAttempt'),
    );
    assert.equal(context.stageName, 'Production');
    assert.equal(context.deployment?.kind, 'yaml');
    assert.equal(context.deployment.kind === 'yaml' && context.deployment.stageAttempt, 1);
  });

  it('falls back to System.TeamFoundationCollectionUri and ends the collection URI with a slash', () => {
    const variables = {
      ...without(YAML_RUN_VARIABLES, 'System.CollectionUri'),
      'System.TeamFoundationCollectionUri': 'https://tfs.example.net/tfs/DefaultCollection',
    };
    assert.equal(
      contextOf(variables).deployment?.collectionUri,
      'https://tfs.example.net/tfs/DefaultCollection/',
    );
  });

  it('carries no identity outside a release and a staged run, but still the names it finds', () => {
    assert.deepEqual(
      contextOf({ 'Build.DefinitionName': 'tool', 'Build.BuildNumber': '5', 'Build.BuildId': '9' }),
      {
        teamProject: undefined,
        stageName: undefined,
        rollbackOfProblem: undefined,
        definitionName: 'tool',
        runName: '5',
        buildNumber: '5',
      },
    );
    assert.deepEqual(contextOf({}).deployment, undefined);
  });

  it('reads the rollback marker the self-healing function sets on a redeployed stage', () => {
    const variables = {
      ...CLASSIC_RELEASE_VARIABLES,
      'UnbreakablePipeline.RollbackOfProblem': ' P-22013994 ',
    };
    assert.equal(contextOf(variables).rollbackOfProblem, 'P-22013994');
  });

  const broken: readonly [string, Readonly<Record<string, string>>, string, RegExp][] = [
    [
      'a classic release without its environment id',
      without(CLASSIC_RELEASE_VARIABLES, 'Release.EnvironmentId'),
      'Release.EnvironmentId',
      /is not set, yet a classic release sets it/,
    ],
    [
      'a classic release with a malformed id',
      { ...CLASSIC_RELEASE_VARIABLES, 'Release.DefinitionId': '7a' },
      'Release.DefinitionId',
      /is "7a"; expected a whole number/,
    ],
    [
      'a classic release without a collection URI',
      without(CLASSIC_RELEASE_VARIABLES, 'System.CollectionUri', 'System.TeamFoundationCollectionUri'),
      'System.CollectionUri',
      /is not set/,
    ],
    [
      'a YAML run without its pipeline id',
      without(YAML_RUN_VARIABLES, 'System.DefinitionId'),
      'System.DefinitionId',
      /is not set, yet a pipeline run sets it/,
    ],
    [
      'a YAML run without a project',
      without(YAML_RUN_VARIABLES, 'System.TeamProject'),
      'System.TeamProject',
      /is not set/,
    ],
    [
      'a YAML run with a malformed environment id',
      { ...YAML_RUN_VARIABLES, 'Environment.Id': 'five' },
      'Environment.Id',
      /expected a whole number/,
    ],
  ];
  for (const [what, variables, variable, pattern] of broken) {
    it(`refuses ${what}, naming the variable`, () => {
      assert.throws(
        () => contextOf(variables),
        (error: unknown) =>
          error instanceof PipelineVariableError &&
          error.variable === variable &&
          pattern.test(error.message),
      );
    });
  }
});
