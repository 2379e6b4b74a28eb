import assert from 'node:assert/strict';

import {
  SAMPLE_APP_ENTITY_IDS,
  SimulatorState,
  TEST_NOTIFICATION_TITLE,
  renderNotificationPayload,
  sampleAppScenario,
} from '../../../sim/dynatrace';
import {
  problemNotificationValues,
  testNotificationValues,
} from '../../../sim/dynatrace/notification-values';
import { NOW } from './support/api-client';

const EAST = SAMPLE_APP_ENTITY_IDS.productionEast.service;
const WEST = SAMPLE_APP_ENTITY_IDS.productionWest.service;
const ENVIRONMENT_URL = 'https://abc12345.live.dynatrace.com';

/** Every placeholder of api-facts §A.8, in a JSON template: text quoted, JSON documents bare. */
const TEMPLATE = `{
  "State": "{State}", "PID": "{PID}", "ProblemID": "{ProblemID}", "ProblemTitle": "{ProblemTitle}",
  "ProblemURL": "{ProblemURL}", "ProblemImpact": "{ProblemImpact}", "ProblemSeverity": "{ProblemSeverity}",
  "ImpactedEntity": "{ImpactedEntity}", "ImpactedEntityNames": "{ImpactedEntityNames}",
  "NamesOfImpactedEntities": "{NamesOfImpactedEntities}", "Tags": "{Tags}", "Group": "{Tags[DeploymentGroup]}",
  "Text": "{ProblemDetailsText}", "Markdown": "{ProblemDetailsMarkdown}", "Html": "{ProblemDetailsHTML}",
  "ImpactedEntities": {ImpactedEntities},
  "ProblemDetailsJSON": {ProblemDetailsJSON},
  "ProblemDetailsJSONv2": {ProblemDetailsJSONv2}
}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the filled-in payload is read field by field
function fill(values: Parameters<typeof renderNotificationPayload>[1]): any {
  return JSON.parse(renderNotificationPayload(TEMPLATE, values, { json: true }));
}

describe('problemNotificationValues', () => {
  it('describes a stored problem with every placeholder of the custom integration', () => {
    const state = new SimulatorState(sampleAppScenario({ now: NOW }), () => NOW);
    const problem = state.openProblem({
      title: 'Failure rate increase',
      severityLevel: 'ERROR',
      entityIds: [EAST, WEST],
      startTime: NOW - 60_000,
    });
    const payload = fill(problemNotificationValues(problem, state, 'OPEN', ENVIRONMENT_URL, NOW));
    assert.equal(payload.State, 'OPEN');
    assert.equal(payload.PID, problem.problemId);
    assert.equal(payload.ProblemID, problem.displayId);
    assert.equal(payload.ProblemTitle, 'Failure rate increase');
    assert.equal(payload.ProblemURL, `${ENVIRONMENT_URL}/#problems/problemdetails;pid=${problem.problemId}`);
    assert.equal(payload.ProblemImpact, 'SERVICE');
    assert.equal(payload.ProblemSeverity, 'ERROR');
    const names = 'Production/SampleNodeJsService (east), Production/SampleNodeJsService (west)';
    assert.equal(payload.ImpactedEntityNames, names);
    assert.equal(payload.NamesOfImpactedEntities, names);
    assert.equal(payload.ImpactedEntity, `Failure rate increase for ${names}`);
    assert.deepEqual(payload.ImpactedEntities, [
      { type: 'SERVICE', name: 'Production/SampleNodeJsService (east)', entity: EAST },
      { type: 'SERVICE', name: 'Production/SampleNodeJsService (west)', entity: WEST },
    ]);
    assert.equal(
      payload.Tags,
      'DeploymentGroup:Production, [ENVIRONMENT]DEPLOYMENT_GROUP_NAME:Production, app:SampleNodeJsService',
    );
    assert.equal(payload.Group, 'Production');
    assert.equal(payload.ProblemDetailsJSON.id, problem.problemId);
    assert.equal(payload.ProblemDetailsJSON.impactLevel, 'SERVICE');
    assert.equal(payload.ProblemDetailsJSONv2.problemId, problem.problemId);
    assert.equal(payload.ProblemDetailsJSONv2.status, 'OPEN');
    assert.ok(payload.ProblemDetailsJSONv2.evidenceDetails, 'v2 details carry the evidence');
    assert.ok(payload.ProblemDetailsJSONv2.impactAnalysis, 'and the impact analysis');
    assert.equal(payload.ProblemDetailsJSONv2.recentComments, undefined, 'but never the comments');
    assert.match(payload.Text, new RegExp(`^Problem ${problem.displayId}: Failure rate increase\n`));
    assert.match(payload.Markdown, /^\*\*Problem P-\d+: Failure rate increase\*\*/);
    assert.match(payload.Html, /^<h3>Problem P-\d+: Failure rate increase<\/h3><ul><li>/);
  });

  it('says RESOLVED with the closed problem details', () => {
    const state = new SimulatorState(sampleAppScenario({ now: NOW }), () => NOW);
    const opened = state.openProblem({ title: 'Response time degradation', entityIds: [EAST] });
    const closed = state.closeProblem(opened.problemId);
    const payload = fill(problemNotificationValues(closed, state, 'RESOLVED', ENVIRONMENT_URL, NOW));
    assert.equal(payload.State, 'RESOLVED');
    assert.equal(payload.ProblemDetailsJSONv2.status, 'CLOSED');
    assert.equal(payload.ProblemDetailsJSON.status, 'CLOSED');
    assert.match(payload.Text, /^Resolved problem P-\d+: Response time degradation/);
  });
});

describe('testNotificationValues', () => {
  it("are the documented synthetic values of Dynatrace's test button", () => {
    const payload = fill(testNotificationValues(ENVIRONMENT_URL, NOW));
    assert.equal(payload.State, 'OPEN');
    assert.equal(payload.PID, '99999');
    assert.equal(payload.ProblemID, '999');
    assert.equal(payload.ProblemTitle, TEST_NOTIFICATION_TITLE);
    assert.equal(payload.ProblemTitle, 'Dynatrace problem notification test run');
    assert.deepEqual(payload.ImpactedEntities, [
      { type: 'HOST', name: 'MyHost1', entity: 'HOST-XXXXXXXXXXXXX' },
      { type: 'SERVICE', name: 'MyService1', entity: 'SERVICE-XXXXXXXXXXXXX' },
    ]);
    assert.equal(payload.ImpactedEntityNames, 'MyHost1, MyService1');
    assert.equal(payload.Tags, 'testtag1, testtag2');
    assert.equal(payload.ProblemDetailsJSONv2.problemId, '99999');
    assert.equal(payload.ProblemDetailsJSON.displayName, '999');
  });
});
