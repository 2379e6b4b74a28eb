import assert from 'node:assert/strict';

import { readTaskOutput } from '../../../scripts/demo/read-task-output';

describe('readTaskOutput', () => {
  it('reads the result, issues and output variables the way the agent does', () => {
    const output = readTaskOutput(
      [
        'Sending the deployment event',
        '##vso[task.issue type=warning;]retrying after 503',
        '##vso[task.setvariable variable=DynatraceEventCorrelationIds;isOutput=true;issecret=false;]a1,b2',
        '##vso[task.setvariable variable=internal;isOutput=false;]ignored',
        '##vso[task.issue type=error;]first error',
        '##vso[task.complete result=Failed;]Dynatrace said no',
        '##vso[task.complete result=Succeeded;]the last result wins',
      ].join('\n'),
    );
    assert.deepEqual(output, {
      result: 'Succeeded',
      resultMessage: 'the last result wins',
      errors: ['first error'],
      warnings: ['retrying after 503'],
      outputs: { DynatraceEventCorrelationIds: 'a1,b2' },
    });
  });

  it('unescapes messages and skips malformed commands as the agent does', () => {
    const output = readTaskOutput(
      '##vso[task.complete result=Failed;]line one%0Aline two%AZP25\r\n##vso[broken\n',
    );
    assert.equal(output.result, 'Failed');
    assert.equal(output.resultMessage, 'line one\nline two%');
  });

  it('has no result when the task crashed before completing', () => {
    assert.deepEqual(readTaskOutput('TypeError: boom\n'), {
      result: undefined,
      resultMessage: undefined,
      errors: [],
      warnings: [],
      outputs: {},
    });
  });
});
