import assert from 'node:assert/strict';

import * as dynatrace from '../../../lib/dynatrace';
import { HttpError } from '../../../lib/http';

describe('lib/dynatrace entry point', () => {
  it('exports the client factory, its errors and the URL normalizer', () => {
    assert.equal(typeof dynatrace.createDynatraceClient, 'function');
    assert.equal(typeof dynatrace.normalizeEnvironmentUrl, 'function');
    assert.ok(dynatrace.DynatraceApiError.prototype instanceof HttpError);
    assert.ok(dynatrace.PageLimitError.prototype instanceof Error);
    assert.equal(typeof dynatrace.describeDynatraceErrorBody, 'function');
  });
});
