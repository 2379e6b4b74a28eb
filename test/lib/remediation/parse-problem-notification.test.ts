import assert from 'node:assert/strict';
import {
  MAX_ENTITIES,
  parseProblemNotification,
  ProblemNotificationError,
  type ProblemNotification,
} from '../../../lib/remediation';

const ORIGINAL_TEMPLATE_BODY =
  '{"State":"OPEN","ProblemID":"P-22013994","ProblemTitle":"Response time degradation",' +
  '"PID":"-6478017825120311599_1641223491837V2","ImpactedEntities":' +
  '[{"type":"SERVICE","name":"carts","entity":"SERVICE-5A1F0C3B7E9D2468"}]}';

describe('parseProblemNotification', () => {
  describe('reads', () => {
    const cases: readonly { name: string; body: string; expected: Partial<ProblemNotification> }[] = [
      {
        name: 'the original Unbreakable template',
        body: ORIGINAL_TEMPLATE_BODY,
        expected: {
          state: 'OPEN',
          problemId: '-6478017825120311599_1641223491837V2',
          displayId: 'P-22013994',
          title: 'Response time degradation',
          entities: [{ id: 'SERVICE-5A1F0C3B7E9D2468', type: 'SERVICE', name: 'carts' }],
          tags: [],
          notes: [],
        },
      },
      {
        name: 'keys in any case, and the state in lower case',
        body: '{"state":"open","pid":"123_456V2","problemid":"P-1","IMPACTEDENTITIES":[{"Entity":"HOST-0123456789ABCDEF"}]}',
        expected: {
          state: 'OPEN',
          problemId: '123_456V2',
          displayId: 'P-1',
          entities: [{ id: 'HOST-0123456789ABCDEF' }],
        },
      },
      {
        name: 'the entities of older Dynatrace versions, sent as a string holding JSON',
        body: '{"State":"OPEN","PID":"1","ImpactedEntities":"[{\\"type\\":\\"SERVICE\\",\\"name\\":\\"a\\",\\"entity\\":\\"SERVICE-0123456789ABCDEF\\"}]"}',
        expected: { entities: [{ id: 'SERVICE-0123456789ABCDEF', type: 'SERVICE', name: 'a' }] },
      },
      {
        name: 'a number PID and ProblemID (unquoted placeholders)',
        body: '{"State":"OPEN","PID":99999,"ProblemID":999}',
        expected: { problemId: '99999', displayId: '999' },
      },
      {
        name: 'everything from {ProblemDetailsJSONv2}: ids, title, status, start time, root cause first',
        body: JSON.stringify({
          ProblemDetailsJSONv2: {
            problemId: '9_1V2',
            displayId: 'P-9',
            title: 'Failure rate increase',
            status: 'OPEN',
            startTime: 1_700_000_000_000,
            rootCauseEntity: { entityId: { id: 'SERVICE-000000000000000B', type: 'SERVICE' }, name: 'b' },
            impactedEntities: [{ entityId: { id: 'SERVICE-000000000000000A', type: 'SERVICE' }, name: 'a' }],
            affectedEntities: [
              { entityId: { id: 'SERVICE-000000000000000A', type: 'SERVICE' }, name: 'a' },
              { entityId: { id: 'PROCESS_GROUP_INSTANCE-000000000000000C', type: 'PROCESS_GROUP_INSTANCE' } },
            ],
          },
        }),
        expected: {
          state: 'OPEN',
          problemId: '9_1V2',
          displayId: 'P-9',
          title: 'Failure rate increase',
          startTime: 1_700_000_000_000,
          entities: [
            { id: 'SERVICE-000000000000000B', type: 'SERVICE', name: 'b' },
            { id: 'SERVICE-000000000000000A', type: 'SERVICE', name: 'a' },
            { id: 'PROCESS_GROUP_INSTANCE-000000000000000C', type: 'PROCESS_GROUP_INSTANCE' },
          ],
        },
      },
      {
        name: 'a CLOSED v2 status as RESOLVED',
        body: '{"ProblemDetailsJSONv2":{"problemId":"9_1V2","status":"CLOSED"}}',
        expected: { state: 'RESOLVED' },
      },
      {
        name: '{ProblemDetailsJSON} (v1): id, displayName, startTime and rankedImpacts',
        body: JSON.stringify({
          State: 'OPEN',
          ProblemDetailsJSON: {
            id: '-1_2V2',
            displayName: '173',
            startTime: 1_700_000_000_000,
            rankedImpacts: [{ entityId: 'APPLICATION-0123456789ABCDEF', entityName: 'shop' }],
          },
        }),
        expected: {
          problemId: '-1_2V2',
          displayId: '173',
          startTime: 1_700_000_000_000,
          entities: [{ id: 'APPLICATION-0123456789ABCDEF', name: 'shop' }],
        },
      },
      {
        name: 'Keptn-style "ProblemDetails" of either shape',
        body: '{"State":"OPEN","ProblemDetails":{"problemId":"7_1V2","displayId":"P-7"}}',
        expected: { problemId: '7_1V2', displayId: 'P-7' },
      },
      {
        name: 'a details block quoted as a string',
        body: JSON.stringify({
          State: 'OPEN',
          PID: '1',
          ProblemDetailsJSONv2: JSON.stringify({ startTime: 42 }),
        }),
        expected: { startTime: 42 },
      },
      {
        name: '{Tags} as a comma-separated list, and {ProblemURL}',
        body: '{"State":"OPEN","PID":"1","Tags":"app:carts, DeploymentGroup:Production ,","ProblemURL":"https://abc.live.dynatrace.com/#problems"}',
        expected: {
          tags: ['app:carts', 'DeploymentGroup:Production'],
          problemUrl: 'https://abc.live.dynatrace.com/#problems',
        },
      },
      {
        name: 'a body with a byte order mark and extra keys',
        body: `\uFEFF{"State":"OPEN","PID":"1","Whatever":{"nested":[1,2]},"ImpactedEntity":"a"}`,
        expected: { problemId: '1', entities: [] },
      },
    ];
    for (const { name, body, expected } of cases) {
      it(name, () => {
        const notification = parseProblemNotification(body);
        for (const [key, value] of Object.entries(expected)) {
          assert.deepEqual(notification[key as keyof ProblemNotification], value, key);
        }
      });
    }
  });

  describe('tolerates, with a note', () => {
    const cases: readonly { name: string; body: unknown; note: string; entities?: readonly string[] }[] = [
      {
        name: 'an entity without an id',
        body: { State: 'OPEN', PID: '1', ImpactedEntities: [{ type: 'SERVICE', name: 'x' }] },
        note: 'ImpactedEntities[0] has no entity id; ignored',
      },
      {
        name: 'an entity id that could inject into a selector',
        body: { State: 'OPEN', PID: '1', ImpactedEntities: [{ entity: 'SERVICE-1"),type("HOST' }] },
        note: 'ImpactedEntities[0] has "SERVICE-1"),type("HOST", not a Dynatrace entity id; ignored',
      },
      {
        name: 'entities that are not a list',
        body: { State: 'OPEN', PID: '1', ImpactedEntities: 'MyHost1, MyService1' },
        note: 'ImpactedEntities is the string "MyHost1, MyService1", not a list of entities; ignored',
      },
      {
        name: 'details that are not an object',
        body: { State: 'OPEN', PID: '1', ProblemDetailsJSONv2: 'n/a' },
        note: 'ProblemDetailsJSONv2 is the string "n/a", not a JSON object; ignored',
      },
      {
        name: `more than ${MAX_ENTITIES} entities`,
        body: {
          State: 'OPEN',
          PID: '1',
          ImpactedEntities: Array.from({ length: MAX_ENTITIES + 2 }, (_, index) => ({
            entity: `HOST-${String(index).padStart(16, '0')}`,
          })),
        },
        note: `2 more entities were ignored: at most ${MAX_ENTITIES} are looked at`,
      },
    ];
    for (const { name, body, note } of cases) {
      it(name, () => {
        const notification = parseProblemNotification(JSON.stringify(body));
        assert.deepEqual(notification.notes, [note]);
      });
    }

    it('duplicate entities silently, keeping the first', () => {
      const notification = parseProblemNotification(
        JSON.stringify({
          State: 'OPEN',
          PID: '1',
          ImpactedEntities: [
            { entity: 'HOST-0000000000000001', name: 'first' },
            { entity: 'HOST-0000000000000001', name: 'second' },
          ],
        }),
      );
      assert.deepEqual(notification.entities, [{ id: 'HOST-0000000000000001', name: 'first' }]);
      assert.deepEqual(notification.notes, []);
    });
  });

  describe('rejects', () => {
    const cases: readonly { name: string; body: string; message: string; path?: string }[] = [
      {
        name: 'an empty body',
        body: '  ',
        message:
          'body is empty; expected the JSON payload of the Dynatrace custom integration, e.g. {"State":"{State}","ProblemID":"{ProblemID}","ProblemTitle":"{ProblemTitle}","PID":"{PID}","ImpactedEntities":{ImpactedEntities}}',
      },
      {
        name: 'text that is not JSON, saying where',
        body: '{\n  "State": "OPEN",\n  "PID": "1",\n}',
        message: "body is not JSON at line 4 column 1: expected a property name in double quotes, found '}'",
      },
      {
        name: 'a JSON list',
        body: '[1]',
        message:
          'body is a list; expected a JSON object such as {"State":"{State}","ProblemID":"{ProblemID}","ProblemTitle":"{ProblemTitle}","PID":"{PID}","ImpactedEntities":{ImpactedEntities}}',
      },
      {
        name: 'a payload without PID',
        body: '{"State":"OPEN","ProblemID":"P-1"}',
        message: 'PID is missing: the payload must carry the internal problem id, e.g. "PID":"{PID}"',
        path: 'PID',
      },
      {
        name: 'an unreplaced placeholder (a typo in the template)',
        body: '{"State":"OPEN","PID":"{Pid}"}',
        message:
          'PID is the unreplaced placeholder "{Pid}"; check the spelling of the placeholder in the payload template',
        path: 'PID',
      },
      {
        name: 'a PID that is an object',
        body: '{"State":"OPEN","pid":{"id":1}}',
        message: 'pid is an object; expected a string',
        path: 'pid',
      },
      {
        name: 'a payload without State',
        body: '{"PID":"1"}',
        message:
          'State is missing: the payload must say whether the problem is OPEN or RESOLVED, e.g. "State":"{State}"',
        path: 'State',
      },
    ];
    for (const { name, body, message, path } of cases) {
      it(name, () => {
        assert.throws(
          () => parseProblemNotification(body),
          (error: unknown) => {
            assert.ok(error instanceof ProblemNotificationError);
            assert.equal(error.message, message);
            assert.equal(error.path, path);
            return true;
          },
        );
      });
    }
  });
});
