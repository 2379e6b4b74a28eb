import assert from 'node:assert/strict';
import { AzureDevOpsError } from '../../../lib/azure-devops';
import { parseRelease } from '../../../lib/azure-devops/parse-release';
import { WireReader } from '../../../lib/azure-devops/wire-reader';
import { environmentStatuses } from '../../../lib/azure-devops/wire-enums';

const reader = (body: unknown): WireReader =>
  WireReader.of({
    method: 'GET',
    path: '/fabrikam/p/_apis/Release/releases/4',
    status: 200,
    body,
    continuationToken: undefined,
    redact: (text) => text.replaceAll('s3cret', '***'),
  });

describe('WireReader', () => {
  it('names the request, the JSON path and what was found when a field has the wrong type', () => {
    assert.throws(
      () =>
        parseRelease(
          reader({ id: 4, name: 'Release-4', status: 'active', releaseDefinition: { id: '1', name: 'x' } }),
        ),
      (error: unknown) =>
        error instanceof AzureDevOpsError &&
        error.kind === 'invalid-response' &&
        error.message ===
          'Azure DevOps GET /fabrikam/p/_apis/Release/releases/4 answered an unexpected body: $.releaseDefinition.id: expected an integer, found "1"',
    );
  });

  it('names missing fields and array positions', () => {
    assert.throws(
      () =>
        reader({ value: [{ id: 1 }, {}] })
          .listItems()[1]
          ?.field('id')
          .integer(),
      /\$\.value\[1\]\.id: expected an integer, found nothing/,
    );
    assert.throws(() => reader({ count: 0 }).listItems(), /\$\.value: expected an array/);
  });

  it('reads enum members by name in any case or by number', () => {
    assert.equal(
      reader({ s: 'PartiallySucceeded' }).field('s').enumName(environmentStatuses, 'EnvironmentStatus'),
      'partiallySucceeded',
    );
    assert.equal(reader({ s: 16 }).field('s').enumName(environmentStatuses, 'EnvironmentStatus'), 'rejected');
    assert.throws(
      () => reader({ s: 'failed' }).field('s').enumName(environmentStatuses, 'EnvironmentStatus'),
      /expected a EnvironmentStatus/,
    );
  });

  it('treats the service unset date as no date and rejects malformed dates', () => {
    assert.equal(reader({ d: '0001-01-01T00:00:00' }).field('d').date(), undefined);
    assert.deepEqual(
      reader({ d: '2017-08-29T16:51:32.09Z' }).field('d').date(),
      new Date('2017-08-29T16:51:32.090Z'),
    );
    assert.throws(() => reader({ d: 'yesterday' }).field('d').date(), /expected an ISO-8601 date/);
  });

  it('redacts secrets from the value it quotes', () => {
    assert.throws(
      () => reader({ n: 'has s3cret inside' }).field('n').integer(),
      (error: unknown) => error instanceof Error && error.message.endsWith('found "has *** inside"'),
    );
  });
});
