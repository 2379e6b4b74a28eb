import assert from 'node:assert/strict';

import {
  type NotificationTarget,
  SAMPLE_APP_ENTITY_IDS,
  SimulatorState,
  sampleAppScenario,
  validateNotificationTarget,
} from '../../../sim/dynatrace';
import { matchesAlertingProfile, targetName, withoutQuery } from '../../../sim/dynatrace/notification-target';
import { NOW } from './support/api-client';

const TARGET: NotificationTarget = {
  url: 'https://selfheal.example.com/api/selfheal?code=secret-key',
  payload: '{"State":"{State}","PID":"{PID}","ImpactedEntities":{ImpactedEntities}}',
};

describe('validateNotificationTarget', () => {
  it('accepts an http(s) URL with a payload that is valid JSON once filled in', () => {
    assert.equal(validateNotificationTarget(TARGET), TARGET);
    assert.ok(validateNotificationTarget({ ...TARGET, url: 'http://127.0.0.1:7071/api/selfheal' }));
  });

  it('accepts any payload when another content type is configured', () => {
    const form = {
      ...TARGET,
      payload: 'state={State}&title={ProblemTitle}',
      headers: { 'Content-Type': 'text/plain' },
    };
    assert.equal(validateNotificationTarget(form), form);
  });

  it('refuses a JSON payload that is invalid once filled in, with a hint about quoting', () => {
    assert.throws(
      () => validateNotificationTarget({ ...TARGET, payload: '{"State":{State}}' }, 'notifications[2]'),
      /notifications\[2\]\.payload: the JSON payload is invalid once its placeholders are filled in .*quote text placeholders such as "\{ProblemTitle\}"/,
    );
  });

  it('names every field that is wrong, without echoing header values', () => {
    assert.throws(
      () =>
        validateNotificationTarget({
          url: 'ftp://example.com/hook',
          payload: '  ',
          headers: { 'Bad Header': 'x', Authorization: 'Bearer secret-value\r\nInjected: 1' },
          alertingProfile: { entityTags: ['[Environment]:value'] },
          timeoutMs: 0,
        }),
      (error: unknown) => {
        assert.ok(error instanceof RangeError);
        assert.match(error.message, /notification\.url: expected http or https, found ftp:/);
        assert.match(error.message, /notification\.payload: expected a payload template/);
        assert.match(error.message, /notification\.headers: "Bad Header" is not a header name/);
        assert.match(
          error.message,
          /notification\.headers\.Authorization: expected a string without line breaks/,
        );
        assert.match(error.message, /notification\.alertingProfile\.entityTags\[0\]: a tag needs a key/);
        assert.match(
          error.message,
          /notification\.timeoutMs: expected a positive number of milliseconds, found 0/,
        );
        assert.ok(!error.message.includes('secret-value'));
        return true;
      },
    );
  });

  it('refuses fields of the wrong shape, as the control API may send them', () => {
    // What JSON.parse gives the control API is not checked by the compiler.
    const wire = (fields: Record<string, unknown>): NotificationTarget => {
      const parsed: unknown = JSON.parse(JSON.stringify({ ...TARGET, ...fields }));
      return parsed as NotificationTarget;
    };
    assert.throws(
      () => validateNotificationTarget(wire({ headers: 'x-key: 1' })),
      /notification\.headers: expected an object/,
    );
    assert.throws(
      () =>
        validateNotificationTarget(wire({ alertingProfile: { entityTags: 'DeploymentGroup:Production' } })),
      /notification\.alertingProfile\.entityTags: expected a list of tags/,
    );
    assert.throws(
      () => validateNotificationTarget(wire({ alertingProfile: { entityTags: [7] } })),
      /entityTags\[0\]: expected a tag such as "DeploymentGroup:Production", found 7/,
    );
    assert.throws(
      () => validateNotificationTarget(wire({ timeoutMs: '100' })),
      /timeoutMs: expected a positive number/,
    );
  });

  it('refuses a URL that is not absolute', () => {
    assert.throws(
      () => validateNotificationTarget({ ...TARGET, url: '/api/selfheal' }),
      /expected an absolute http\(s\) URL/,
    );
  });
});

describe('matchesAlertingProfile', () => {
  const state = new SimulatorState(sampleAppScenario({ now: NOW }), () => NOW);
  const production = state.openProblem({
    title: 'p',
    entityIds: [SAMPLE_APP_ENTITY_IDS.productionEast.service],
  });
  const staging = state.openProblem({ title: 's', entityIds: [SAMPLE_APP_ENTITY_IDS.staging.service] });

  it('lets every problem through without a profile', () => {
    assert.equal(matchesAlertingProfile(TARGET, staging, state), true);
  });

  it('lets a problem through when an impacted entity carries every tag of the profile', () => {
    const target = {
      ...TARGET,
      alertingProfile: {
        entityTags: ['DeploymentGroup:Production', '[Environment]DEPLOYMENT_GROUP_NAME:Production'],
      },
    };
    assert.equal(matchesAlertingProfile(target, production, state), true);
    assert.equal(matchesAlertingProfile(target, staging, state), false);
  });
});

describe('targetName and withoutQuery', () => {
  it('name a target by its name, else by its URL without the query string (which may hold a key)', () => {
    assert.equal(targetName({ ...TARGET, name: 'Self-healing' }), 'Self-healing');
    assert.equal(targetName(TARGET), 'https://selfheal.example.com/api/selfheal');
    assert.equal(withoutQuery('https://example.com/a#fragment'), 'https://example.com/a');
    assert.equal(withoutQuery('https://example.com/a'), 'https://example.com/a');
  });
});
