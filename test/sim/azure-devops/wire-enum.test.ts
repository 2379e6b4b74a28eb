import assert from 'node:assert/strict';
import {
  deploymentOperationStatus,
  deploymentStatus,
  environmentStatus,
  releaseQueryOrder,
} from '../../../sim/azure-devops/wire-enum';

describe('WireEnum', () => {
  it('parses names in any case and numbers', () => {
    assert.equal(environmentStatus.parse('inProgress', 'status'), 2);
    assert.equal(environmentStatus.parse('INPROGRESS', 'status'), 2);
    assert.equal(environmentStatus.parse(2, 'status'), 2);
    assert.equal(environmentStatus.parse('2', 'status'), 2);
    assert.equal(deploymentOperationStatus.parse('PhaseFailed', 'operationStatus'), 1024);
  });

  it('combines flags given as a comma list or a sum', () => {
    assert.equal(deploymentStatus.parse('succeeded, failed', 'deploymentStatus'), 20);
    assert.equal(deploymentStatus.parse(20, 'deploymentStatus'), 20);
  });

  it('rejects unknown names, stray numbers and combinations of a non-flag enum, naming the parameter', () => {
    assert.throws(
      () => releaseQueryOrder.parse('sideways', 'queryOrder'),
      /'queryOrder' is not a valid ReleaseQueryOrder/,
    );
    assert.throws(() => releaseQueryOrder.parse(5, 'queryOrder'), /ReleaseQueryOrder/);
    assert.throws(() => deploymentStatus.parse(64, 'deploymentStatus'), /DeploymentStatus/);
    assert.throws(() => environmentStatus.parseName(6, 'status'), /EnvironmentStatus/);
  });

  it('writes operationStatus in PascalCase and the others in camelCase', () => {
    assert.equal(deploymentOperationStatus.wireName('phaseSucceeded'), 'PhaseSucceeded');
    assert.equal(environmentStatus.wireName('partiallySucceeded'), 'partiallySucceeded');
  });
});
