import assert from 'node:assert/strict';

import {
  type AzureDevOpsDeployment,
  buildDeploymentEventProperties,
  CONTRACT_VERSION,
  DeploymentEventProperty as P,
  EVENT_SOURCE,
  parseDeploymentEventProperties,
  ReservedPropertyError,
} from '../../../lib/deployment-event/deployment-event-properties';

const classic: AzureDevOpsDeployment = {
  kind: 'classic-release',
  collectionUri: 'https://dev.azure.com/fabrikam/',
  project: 'Shop',
  projectId: '0f2a8a9e-0000-4000-8000-000000000001',
  definitionId: 7,
  definitionName: 'SampleNodeJsService-CD',
  releaseId: 42,
  releaseName: 'Release-42',
  releaseEnvironmentId: 118,
  definitionEnvironmentId: 43,
  environmentName: 'Production',
  attempt: 2,
};

const yaml: AzureDevOpsDeployment = {
  kind: 'yaml',
  collectionUri: 'https://dev.azure.com/fabrikam/',
  project: 'Shop',
  projectId: undefined,
  pipelineId: 12,
  pipelineName: 'sample-app',
  runId: 3051,
  runName: '20261122.4',
  stageName: 'Production',
  stageAttempt: 1,
  environmentName: 'production',
  environmentId: 5,
  sourceVersion: '1c0ffee',
  sourceBranch: 'refs/heads/main',
};

describe('deployment event properties', () => {
  describe('buildDeploymentEventProperties', () => {
    it('writes the standard dt.event.deployment properties and marks the event as ours', () => {
      const properties = buildDeploymentEventProperties({
        name: 'SampleNodeJsService-CD Release-42',
        version: 'Release-42',
        project: 'Shop',
        releaseStage: 'Production',
        ciBackLink: 'https://dev.azure.com/fabrikam/Shop/_release?releaseId=42',
        remediationActionLink: 'https://fn.example.net/api/selfheal',
        deployment: classic,
      });
      assert.equal(properties[P.name], 'SampleNodeJsService-CD Release-42');
      assert.equal(properties[P.version], 'Release-42');
      assert.equal(properties[P.releaseStage], 'Production');
      assert.equal(properties[P.remediationActionLink], 'https://fn.example.net/api/selfheal');
      assert.equal(properties[P.source], EVENT_SOURCE);
      assert.equal(properties[P.contractVersion], CONTRACT_VERSION);
      assert.equal(properties[P.rootCauseRelevant], 'true');
      assert.equal(properties[P.rollback], undefined);
    });

    it('writes every value as a string and leaves out empty values', () => {
      const properties = buildDeploymentEventProperties({
        name: 'n',
        version: '1',
        project: '',
        deployment: classic,
      });
      assert.equal(properties[P.releaseId], '42');
      assert.equal(P.project in properties, false);
      for (const value of Object.values(properties)) assert.equal(typeof value, 'string');
    });

    it('refuses custom properties that would overwrite the contract', () => {
      assert.throws(
        () =>
          buildDeploymentEventProperties({
            name: 'n',
            version: '1',
            customProperties: { [P.releaseId]: '1' },
          }),
        (error: unknown) => error instanceof ReservedPropertyError && error.message.includes(P.releaseId),
      );
    });

    it('keeps free-form custom properties', () => {
      const properties = buildDeploymentEventProperties({
        name: 'n',
        version: '1',
        customProperties: { 'git.commit': 'abc123', owner: 'Team A' },
      });
      assert.equal(properties['git.commit'], 'abc123');
      assert.equal(properties.owner, 'Team A');
    });
  });

  describe('parseDeploymentEventProperties', () => {
    it('reads back a classic release deployment exactly', () => {
      const parsed = parseDeploymentEventProperties(
        buildDeploymentEventProperties({ name: 'n', version: 'Release-42', deployment: classic }),
      );
      assert.equal(parsed.ours, true);
      assert.ok(parsed.ours);
      assert.deepEqual(parsed.deployment, classic);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.isRollback, false);
    });

    it('reads back a YAML run deployment exactly', () => {
      const parsed = parseDeploymentEventProperties(
        buildDeploymentEventProperties({ name: 'n', version: '20261122.4', deployment: yaml }),
      );
      assert.ok(parsed.ours);
      assert.deepEqual(parsed.deployment, yaml);
    });

    it('recognises a rollback made by self-healing, for loop protection', () => {
      const parsed = parseDeploymentEventProperties(
        buildDeploymentEventProperties({
          name: 'n',
          version: '1',
          deployment: classic,
          rollbackOfProblem: 'P-12',
        }),
      );
      assert.ok(parsed.ours);
      assert.equal(parsed.isRollback, true);
      assert.equal(parsed.rollbackOfProblem, 'P-12');
    });

    it('treats events written by other tools as not ours', () => {
      const parsed = parseDeploymentEventProperties({ [P.name]: 'x', [P.source]: 'Jenkins' });
      assert.equal(parsed.ours, false);
      assert.ok(
        !parsed.ours && parsed.reason.includes('Jenkins') === false && parsed.reason.includes(P.source),
      );
    });

    it('explains an event written outside a pipeline', () => {
      const parsed = parseDeploymentEventProperties(
        buildDeploymentEventProperties({ name: 'n', version: '1' }),
      );
      assert.ok(parsed.ours);
      assert.equal(parsed.deployment, undefined);
      assert.match(parsed.problems[0] ?? '', /azuredevops\.pipeline_kind is missing/);
    });

    it('names every missing or malformed identity property instead of guessing', () => {
      const properties = buildDeploymentEventProperties({ name: 'n', version: '1', deployment: classic });
      delete properties[P.releaseEnvironmentId];
      properties[P.releaseId] = '42a';
      const parsed = parseDeploymentEventProperties(properties);
      assert.ok(parsed.ours);
      assert.equal(parsed.deployment, undefined);
      assert.deepEqual(parsed.problems, [
        `${P.releaseId} is "42a", expected a whole number`,
        `${P.releaseEnvironmentId} is missing`,
      ]);
    });

    it('rejects an unknown pipeline kind', () => {
      const properties = buildDeploymentEventProperties({ name: 'n', version: '1', deployment: yaml });
      properties[P.pipelineKind] = 'jenkins';
      const parsed = parseDeploymentEventProperties(properties);
      assert.ok(parsed.ours);
      assert.equal(parsed.deployment, undefined);
      assert.match(parsed.problems.join(), /expected "classic-release" or "yaml"/);
    });

    it('defaults a missing YAML stage attempt to the first attempt', () => {
      const properties = buildDeploymentEventProperties({ name: 'n', version: '1', deployment: yaml });
      delete properties[P.stageAttempt];
      const parsed = parseDeploymentEventProperties(properties);
      assert.ok(parsed.ours);
      assert.equal(parsed.deployment?.kind === 'yaml' && parsed.deployment.stageAttempt, 1);
    });
  });
});
