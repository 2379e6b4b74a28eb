import assert from 'node:assert/strict';

import {
  buildEventProperties,
  MAX_EVENT_PROPERTIES,
} from '../../../../tasks/push-deployment-event/src/build-event-properties';
import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import { CLASSIC_RELEASE_DEPLOYMENT } from '../support/pipeline-fixtures';

function customProperties(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`custom.${index}`, 'x']));
}

describe('buildEventProperties', () => {
  const description = { name: 'n', version: 'v', deployment: CLASSIC_RELEASE_DEPLOYMENT };
  // name, version, root cause, source, contract version and the 12 identity properties of this release.
  const contractCount = 17;

  it('accepts custom properties up to Dynatrace’s limit of 100 properties per event', () => {
    const properties = buildEventProperties({
      ...description,
      customProperties: customProperties(MAX_EVENT_PROPERTIES - contractCount),
    });
    assert.equal(Object.keys(properties).length, MAX_EVENT_PROPERTIES);
  });

  it('refuses one more, naming the input and how many custom properties fit', () => {
    assert.throws(
      () =>
        buildEventProperties({
          ...description,
          customProperties: customProperties(MAX_EVENT_PROPERTIES - contractCount + 1),
        }),
      (error: unknown) =>
        error instanceof InputError &&
        error.input === 'customProperties' &&
        error.message.includes('would carry 101 properties (84 of them custom)') &&
        error.message.includes('give at most 83 custom properties'),
    );
  });
});
