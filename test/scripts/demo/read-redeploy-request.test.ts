import assert from 'node:assert/strict';

import { readRedeployRequest } from '../../../scripts/demo/read-redeploy-request';

const PATH = '/vsrm/fabrikam/Fabrikam Fiber/_apis/Release/releases/3/environments/6';

describe('readRedeployRequest', () => {
  it('reads a redeploy as azure-devops-node-api sends it, naming the numeric status', () => {
    assert.deepEqual(
      readRedeployRequest({
        method: 'PATCH',
        path: PATH,
        status: 200,
        body: {
          status: 2,
          scheduledDeploymentTime: null,
          comment: 'Rollback by Unbreakable Pipeline self-healing',
          variables: { 'UnbreakablePipeline.RollbackOfProblem': { value: 'P-240002', isSecret: false } },
        },
      }),
      {
        releaseId: 3,
        releaseEnvironmentId: 6,
        httpStatus: 200,
        status: 'inProgress',
        comment: 'Rollback by Unbreakable Pipeline self-healing',
        variables: { 'UnbreakablePipeline.RollbackOfProblem': 'P-240002' },
      },
    );
  });

  it('accepts status names and tolerates missing or odd fields', () => {
    assert.deepEqual(
      readRedeployRequest({
        method: 'PATCH',
        path: PATH,
        status: 400,
        body: { status: 'canceled', variables: { x: { value: 7 } } },
      }),
      {
        releaseId: 3,
        releaseEnvironmentId: 6,
        httpStatus: 400,
        status: 'canceled',
        comment: '',
        variables: { x: '7' },
      },
    );
    assert.equal(
      readRedeployRequest({ method: 'PATCH', path: PATH, status: 400, body: 'text' })?.status,
      'null',
    );
    assert.equal(
      readRedeployRequest({ method: 'PATCH', path: PATH, status: 400, body: { status: 'sideways' } })?.status,
      '"sideways"',
    );
  });

  it('ignores every other request', () => {
    assert.equal(readRedeployRequest({ method: 'GET', path: PATH, status: 200, body: undefined }), undefined);
    assert.equal(
      readRedeployRequest({
        method: 'PATCH',
        path: '/vsrm/fabrikam/p/_apis/Release/releases/3',
        status: 200,
        body: {},
      }),
      undefined,
    );
  });
});
