import assert from 'node:assert/strict';

import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import { readDynatraceConnection } from '../../../../tasks/push-deployment-event/src/read-dynatrace-connection';
import { createFakeTaskIo } from '../support/fake-task-io';

const ID = 'conn-1';
const TOKEN = 'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.' + 'f'.repeat(64);

function ioWith(
  parameters: Record<string, string>,
  url: string | null = 'https://abc12345.live.dynatrace.com',
) {
  return createFakeTaskIo({
    inputs: { dynatraceConnection: ID },
    connection: { id: ID, url: url ?? undefined, parameters },
  });
}

describe('readDynatraceConnection', () => {
  it('reads URL and token, registering the token as a secret before reading anything else', () => {
    const io = ioWith({ apitoken: TOKEN });
    assert.deepEqual(readDynatraceConnection(io), {
      connectionId: ID,
      environmentUrl: 'https://abc12345.live.dynatrace.com',
      apiToken: TOKEN,
    });
    assert.deepEqual(io.calls, [
      { kind: 'getInput', name: 'dynatraceConnection' },
      { kind: 'setSecret', value: TOKEN },
    ]);
  });

  it('strips an "Api-Token " prefix the user pasted, masking both forms', () => {
    const io = ioWith({ apitoken: `  api-token   ${TOKEN} ` });
    assert.equal(readDynatraceConnection(io).apiToken, TOKEN);
    assert.deepEqual(
      io.calls.filter((call) => call.kind === 'setSecret'),
      [
        { kind: 'setSecret', value: `api-token   ${TOKEN}` },
        { kind: 'setSecret', value: TOKEN },
      ],
    );
  });

  const broken: readonly [string, ReturnType<typeof createFakeTaskIo>, RegExp][] = [
    ['no connection chosen', createFakeTaskIo({}), /is required: choose a Dynatrace service connection/],
    [
      'a connection without token',
      ioWith({}),
      /service connection "conn-1" has no API token \(authorization parameter "apitoken"\)/,
    ],
    ['a token that is only the prefix', ioWith({ apitoken: 'Api-Token ' }), /has no API token/],
    [
      'a connection without URL',
      ioWith({ apitoken: TOKEN }, null),
      /service connection "conn-1" has no environment URL/,
    ],
  ];
  for (const [what, io, pattern] of broken) {
    it(`refuses ${what}, naming the connection input and never the token`, () => {
      assert.throws(
        () => readDynatraceConnection(io),
        (error: unknown) =>
          error instanceof InputError &&
          error.input === 'dynatraceConnection' &&
          pattern.test(error.message) &&
          !error.message.includes(TOKEN),
      );
    });
  }
});
