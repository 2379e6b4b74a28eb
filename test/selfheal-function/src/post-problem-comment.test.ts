import assert from 'node:assert/strict';
import { createDynatraceClient } from '../../../lib/dynatrace';
import { COMMENT_CONTEXT } from '../../../lib/remediation';
import {
  SAMPLE_APP_ENTITY_IDS,
  sampleAppScenario,
  startDynatraceSimulator,
  type DynatraceSimulator,
} from '../../../sim/dynatrace';
import { COMMENT_USER, postProblemComment } from '../../../selfheal-function/src/post-problem-comment';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const V1_ONLY_TOKEN =
  'dt0c01.V1ONLYTOKENXXXXXXXXXXXXX.0000000000000000000000000000000000000000000000000000000000000000';

describe('postProblemComment (against the Dynatrace simulator)', () => {
  let dt: DynatraceSimulator;
  let problemId: string;
  const client = (token: string) =>
    createDynatraceClient({ environmentUrl: dt.url, apiToken: token, retry: { maxRetries: 0 } });

  beforeEach(async () => {
    dt = await startDynatraceSimulator({
      scenario: sampleAppScenario({ now: NOW }),
      now: () => NOW,
      tokens: { [V1_ONLY_TOKEN]: ['problems.read', 'DataExport'] },
    });
    problemId = dt.state.openProblem({
      title: 'Slow',
      entityIds: [SAMPLE_APP_ENTITY_IDS.productionEast.service],
    }).problemId;
  });
  afterEach(async () => {
    await dt.close();
  });

  it('comments with Problems API v2', async () => {
    assert.deepEqual(await postProblemComment(client(dt.token), problemId, 'Rolled back.'), {
      posted: true,
      api: 'v2',
    });
    const comments = dt.state.commentsOf(problemId);
    assert.equal(comments.length, 1);
    assert.equal(comments[0]?.content, 'Rolled back.');
    assert.equal(comments[0]?.context, COMMENT_CONTEXT);
  });

  it('falls back to v1 when the token lacks problems.write', async () => {
    assert.deepEqual(await postProblemComment(client(V1_ONLY_TOKEN), problemId, 'Rolled back.'), {
      posted: true,
      api: 'v1',
    });
    const comments = dt.state.commentsOf(problemId);
    assert.equal(comments.length, 1);
    assert.equal(comments[0]?.authorName, COMMENT_USER);
    assert.deepEqual(
      dt.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
      [
        `POST /api/v2/problems/${problemId}/comments 403`,
        `POST /api/v1/problem/details/${problemId}/comments 200`,
      ],
    );
  });

  it('falls back to v1 when the v2 endpoint is not there', async () => {
    dt.faults.add({ kind: 'status', status: 404, path: `/api/v2/problems/${problemId}/comments`, times: 1 });
    assert.deepEqual(await postProblemComment(client(dt.token), problemId, 'x'), { posted: true, api: 'v1' });
  });

  it('returns the failure instead of throwing, without retrying v1 for other errors', async () => {
    dt.faults.add({ kind: 'status', status: 400, path: `/api/v2/problems/${problemId}/comments` });
    const result = await postProblemComment(client(dt.token), problemId, 'x');
    assert.equal(result.posted, false);
    assert.match(
      result.posted ? '' : result.error,
      /^Dynatrace POST \/api\/v2\/problems\/.*\/comments failed with 400/,
    );
    assert.equal(dt.requests.length, 1);
  });

  it('reports both failures when the v1 fallback fails too', async () => {
    dt.faults.add({ kind: 'status', status: 405, path: `/api/v2/problems/${problemId}/comments` });
    dt.faults.add({ kind: 'status', status: 500, path: `/api/v1/problem/details/${problemId}/comments` });
    const result = await postProblemComment(client(dt.token), problemId, 'x');
    assert.match(
      result.posted ? '' : result.error,
      /failed with 405.*; the v1 fallback failed too: .*failed with 500/,
    );
  });
});
