import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { ENTITY_TYPES } from '../../../../lib/monspec';
import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import {
  API_VERSIONS,
  EVENT_TYPES,
  InputName,
  NO_MATCH_BEHAVIOURS,
  readInputs,
  TARGETING_MODES,
} from '../../../../tasks/push-deployment-event/src/inputs';
import { createFakeTaskIo } from '../support/fake-task-io';

interface TaskJsonInput {
  readonly name: string;
  readonly type: string;
  readonly label?: string;
  readonly helpMarkDown?: string;
  readonly defaultValue?: string;
  readonly required?: boolean;
  readonly groupName?: string;
  readonly visibleRule?: string;
  readonly options?: Readonly<Record<string, string>>;
}

const taskJson = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', '..', '..', 'tasks', 'push-deployment-event', 'task.json'),
    'utf8',
  ),
) as { inputs: TaskJsonInput[]; groups: { name: string }[] };

function taskInput(name: string): TaskJsonInput {
  const input = taskJson.inputs.find((candidate) => candidate.name === name);
  assert.ok(input, `task.json has no input ${name}`);
  return input;
}

function read(inputs: Readonly<Record<string, string>>, variables: Readonly<Record<string, string>> = {}) {
  return readInputs(createFakeTaskIo({ inputs, variables }));
}

function assertInputError(action: () => unknown, input: string, pattern: RegExp): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.input, input);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('inputs', () => {
  describe('InputName', () => {
    it('names exactly the inputs of task.json', () => {
      assert.deepEqual(Object.values(InputName).sort(), taskJson.inputs.map((input) => input.name).sort());
    });

    it('offers in task.json exactly the choices the code accepts, defaulting as the code does', () => {
      const cases = [
        [InputName.eventType, EVENT_TYPES, 'CUSTOM_DEPLOYMENT'],
        [InputName.targeting, TARGETING_MODES, 'tags'],
        [InputName.entityType, ENTITY_TYPES, 'SERVICE'],
        [InputName.apiVersion, API_VERSIONS, 'v2'],
        [InputName.whenNoEntityMatches, NO_MATCH_BEHAVIOURS, 'fail'],
      ] as const;
      for (const [name, choices, defaultValue] of cases) {
        const input = taskInput(name);
        assert.deepEqual(Object.keys(input.options ?? {}).sort(), [...choices].sort(), name);
        assert.equal(input.defaultValue, defaultValue, name);
      }
      assert.equal(taskInput(InputName.retries).defaultValue, '3');
      assert.equal(taskInput(InputName.retryDelaySeconds).defaultValue, '15');
    });

    it('gives every input a label, help, a default and an existing group', () => {
      const groups = new Set(taskJson.groups.map((group) => group.name));
      for (const input of taskJson.inputs) {
        assert.ok(input.label, `${input.name} has no label`);
        assert.ok(input.helpMarkDown, `${input.name} has no helpMarkDown`);
        assert.equal(typeof input.defaultValue, 'string', `${input.name} has no defaultValue`);
        assert.ok(
          input.groupName === undefined || groups.has(input.groupName),
          `${input.name}: unknown group`,
        );
      }
    });

    it('shows each targeting input only for its mode', () => {
      assert.equal(taskInput(InputName.tags).visibleRule, 'targeting = tags');
      assert.equal(taskInput(InputName.entityType).visibleRule, 'targeting = tags');
      assert.equal(taskInput(InputName.entitySelector).visibleRule, 'targeting = entitySelector');
      for (const name of [InputName.monspecFile, InputName.monspecService, InputName.monspecEnvironment]) {
        assert.equal(taskInput(name).visibleRule, 'targeting = monspec');
      }
    });
  });

  describe('readInputs', () => {
    it('applies the defaults when only the tags are given', () => {
      assert.deepEqual(read({ tags: 'app:shop' }), {
        eventType: 'CUSTOM_DEPLOYMENT',
        targeting: {
          kind: 'tags',
          entityType: 'SERVICE',
          tags: [{ context: 'CONTEXTLESS', key: 'app', value: 'shop' }],
        },
        deployment: {
          name: undefined,
          version: undefined,
          project: undefined,
          releaseStage: undefined,
          ciBackLink: undefined,
          remediationActionLink: undefined,
          customProperties: {},
        },
        apiVersion: 'v2',
        noMatch: { retries: 3, delaySeconds: 15, behaviour: 'fail' },
      });
    });

    it('reads every deployment input, trimmed, and accepts choices in any case', () => {
      const inputs = read({
        tags: 'app:shop',
        eventType: 'custom_info',
        apiVersion: 'V1',
        deploymentName: '  shop 1.2  ',
        deploymentVersion: '1.2',
        deploymentProject: 'Shop',
        releaseStage: 'prod',
        ciBackLink: 'https://ci.example.net/runs/1',
        remediationActionLink: 'http://tower.example.net/launch',
        customProperties: 'a=1',
        retriesWhenNoEntityMatches: '0',
        retryDelaySeconds: '3600',
        whenNoEntityMatches: 'warn',
      });
      assert.equal(inputs.eventType, 'CUSTOM_INFO');
      assert.equal(inputs.apiVersion, 'v1');
      assert.deepEqual(inputs.deployment, {
        name: 'shop 1.2',
        version: '1.2',
        project: 'Shop',
        releaseStage: 'prod',
        ciBackLink: 'https://ci.example.net/runs/1',
        remediationActionLink: 'http://tower.example.net/launch',
        customProperties: { a: '1' },
      });
      assert.deepEqual(inputs.noMatch, { retries: 0, delaySeconds: 3600, behaviour: 'warn' });
    });

    it('reads an entity selector', () => {
      assert.deepEqual(read({ targeting: 'entitySelector', entitySelector: 'type(HOST)' }).targeting, {
        kind: 'entitySelector',
        entitySelector: 'type(HOST)',
      });
    });

    it('resolves a relative monspec path against System.DefaultWorkingDirectory', () => {
      const inputs = read(
        {
          targeting: 'monspec',
          monspecFile: 'ci/monspec.json',
          monspecService: 'Shop',
          monspecEnvironment: 'Prod',
        },
        { 'System.DefaultWorkingDirectory': '/agent/_work/r1/a' },
      );
      assert.deepEqual(inputs.targeting, {
        kind: 'monspec',
        file: resolve('/agent/_work/r1/a', 'ci/monspec.json'),
        service: 'Shop',
        environment: 'Prod',
      });
    });

    it('keeps an absolute monspec path and leaves service and environment to their defaults', () => {
      assert.deepEqual(read({ targeting: 'monspec', monspecFile: '/specs/monspec.json' }).targeting, {
        kind: 'monspec',
        file: resolve('/specs/monspec.json'),
      });
    });

    const invalid: readonly [string, Readonly<Record<string, string>>, string, RegExp][] = [
      [
        'an unknown event type',
        { tags: 'a', eventType: 'ERROR_EVENT' },
        'eventType',
        /is "ERROR_EVENT"; expected one of CUSTOM_DEPLOYMENT, CUSTOM_INFO/,
      ],
      [
        'an unknown targeting mode',
        { targeting: 'ids' },
        'targeting',
        /expected one of tags, entitySelector, monspec/,
      ],
      ['missing tags', {}, 'tags', /is required when targeting is tags/],
      [
        'an entity type outside the monspec types',
        { tags: 'a', entityType: 'CUSTOM_DEVICE' },
        'entityType',
        /expected one of SERVICE/,
      ],
      [
        'a missing entity selector',
        { targeting: 'entitySelector' },
        'entitySelector',
        /is required when targeting is entitySelector/,
      ],
      [
        'a multi-line entity selector',
        { targeting: 'entitySelector', entitySelector: 'type(HOST)\ntag("x")' },
        'entitySelector',
        /must be a single line/,
      ],
      [
        'a missing monspec file',
        { targeting: 'monspec' },
        'monspecFile',
        /is required when targeting is monspec/,
      ],
      [
        'a negative retry count',
        { tags: 'a', retriesWhenNoEntityMatches: '-1' },
        'retriesWhenNoEntityMatches',
        /expected a whole number from 0 to 50/,
      ],
      [
        'too many retries',
        { tags: 'a', retriesWhenNoEntityMatches: '51' },
        'retriesWhenNoEntityMatches',
        /from 0 to 50/,
      ],
      ['a fractional delay', { tags: 'a', retryDelaySeconds: '1.5' }, 'retryDelaySeconds', /from 0 to 3600/],
      [
        'a relative CI back link',
        { tags: 'a', ciBackLink: '/runs/1' },
        'ciBackLink',
        /expected an absolute http\(s\) URL/,
      ],
      [
        'a non-http remediation link',
        { tags: 'a', remediationActionLink: 'ftp://x/y' },
        'remediationActionLink',
        /absolute http\(s\) URL/,
      ],
      ['an unknown API version', { tags: 'a', apiVersion: 'v3' }, 'apiVersion', /expected one of v2, v1/],
      [
        'an unknown no-match behaviour',
        { tags: 'a', whenNoEntityMatches: 'ignore' },
        'whenNoEntityMatches',
        /expected one of fail, warn/,
      ],
      [
        'an unexpanded variable',
        { tags: 'a', deploymentVersion: '$(Build.BuildNumber)' },
        'deploymentVersion',
        /contains \$\(Build\.BuildNumber\), a variable this pipeline does not define/,
      ],
    ];
    for (const [what, inputs, input, pattern] of invalid) {
      it(`refuses ${what}, naming the input`, () => {
        assertInputError(() => read(inputs), input, pattern);
      });
    }
  });
});
