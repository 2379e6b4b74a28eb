import assert from 'node:assert/strict';

import { buildReportUrl } from '../../../gate-function/src/build-report-url';

const TARGET = { service: 'Sample Service', comparison: 'Staging&Prod', evaluationId: 'e-1' };

describe('buildReportUrl', () => {
  it('points next to the function that answered, without the function key of its query', () => {
    assert.equal(
      buildReportUrl('https://my-gate.azurewebsites.net/api/gate?code=secret-key-123', undefined, TARGET),
      'https://my-gate.azurewebsites.net/api/report?service=Sample+Service&comparison=Staging%26Prod&evaluation=e-1',
    );
  });

  it('keeps a custom route prefix', () => {
    assert.equal(
      buildReportUrl('http://127.0.0.1:7071/functions/gate', undefined, { service: 's', comparison: 'c' }),
      'http://127.0.0.1:7071/functions/report?service=s&comparison=c',
    );
  });

  it('uses GATE_PUBLIC_URL instead of the address the request came to', () => {
    assert.equal(
      buildReportUrl('http://10.0.0.4/api/gate', 'https://proxy.contoso.com/gate-app', TARGET),
      'https://proxy.contoso.com/gate-app/api/report?service=Sample+Service&comparison=Staging%26Prod&evaluation=e-1',
    );
  });
});
