import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { agentVariableName, runAgentTask } from '../../../scripts/demo/run-agent-task';

const CONNECTION = { id: 'conn-1', url: 'http://127.0.0.1:9', apiToken: 'dt0c01.TOKEN' };

describe('runAgentTask', () => {
  let taskDir: string;

  before(async () => {
    taskDir = await mkdtemp(path.join(tmpdir(), 'agent-task-test-'));
    await mkdir(path.join(taskDir, 'dist'));
    // A task that reports its environment through the agent's logging commands. The OS and c8 (coverage)
    // add a few variables to every process they start; those are not the agent's doing.
    await writeFile(
      path.join(taskDir, 'dist', 'report.js'),
      [
        "const fs = require('node:fs');",
        "const names = Object.keys(process.env).filter((name) => !['PWD', 'SHLVL', '_', 'NODE_V8_COVERAGE'].includes(name) && !name.startsWith('__CF')).sort();",
        "console.log(`##vso[task.setvariable variable=names;isOutput=true;]${names.join(',')}`);",
        'console.log(`##vso[task.setvariable variable=cwd;isOutput=true;]${process.cwd()}`);',
        'console.log(`##vso[task.setvariable variable=temp;isOutput=true;]${fs.existsSync(process.env.AGENT_TEMPDIRECTORY)}`);',
        'console.log(`##vso[task.setvariable variable=tempPath;isOutput=true;]${process.env.AGENT_TEMPDIRECTORY}`);',
        "console.log(`##vso[task.setvariable variable=auth;isOutput=true;]${process.env['ENDPOINT_AUTH_conn-1']}`);",
        "console.error('to stderr');",
        'console.log(`##vso[task.complete result=Succeeded;]${process.env.INPUT_MONSPECFILE} ${process.env.RELEASE_ENVIRONMENTNAME}`);',
      ].join('\n'),
    );
    await writeFile(path.join(taskDir, 'dist', 'hang.js'), 'setInterval(() => undefined, 1000);');
  });
  after(async () => {
    await rm(taskDir, { recursive: true, force: true });
  });

  it('runs the bundle as the agent does: inputs, service connection and variables in the environment, nothing else', async () => {
    const result = await runAgentTask({
      bundlePath: path.join(taskDir, 'dist', 'report.js'),
      inputs: { monspecFile: 'drop/monspec.json' },
      variables: { 'Release.EnvironmentName': 'Production', 'Release.Artifacts._app.BuildNumber': '4' },
      connection: CONNECTION,
    });
    assert.equal(result.exitCode, 0);
    assert.equal(result.result, 'Succeeded');
    assert.equal(result.resultMessage, 'drop/monspec.json Production');
    assert.equal(result.stderr.trim(), 'to stderr');
    assert.deepEqual(result.outputs.names?.split(','), [
      'AGENT_TEMPDIRECTORY',
      'ENDPOINT_AUTH_PARAMETER_conn-1_APITOKEN',
      'ENDPOINT_AUTH_SCHEME_conn-1',
      'ENDPOINT_AUTH_conn-1',
      'ENDPOINT_URL_conn-1',
      'INPUT_MONSPECFILE',
      'PATH',
      'RELEASE_ARTIFACTS__APP_BUILDNUMBER',
      'RELEASE_ENVIRONMENTNAME',
    ]);
    assert.equal(result.outputs.cwd, taskDir);
    assert.deepEqual(JSON.parse(result.outputs.auth ?? ''), {
      parameters: { apitoken: 'dt0c01.TOKEN' },
      scheme: 'Token',
    });
    assert.equal(result.outputs.temp, 'true');
    assert.equal(
      existsSync(result.outputs.tempPath ?? ''),
      false,
      'the agent temp directory is removed afterwards',
    );
  });

  it('stops a task that runs past its time limit', async () => {
    await assert.rejects(
      runAgentTask({
        bundlePath: path.join(taskDir, 'dist', 'hang.js'),
        inputs: {},
        variables: {},
        connection: CONNECTION,
        timeoutMs: 100,
      }),
      /did not finish within 100 ms/,
    );
  });
});

describe('agentVariableName', () => {
  it('upper-cases and turns dots and spaces into underscores', () => {
    assert.equal(
      agentVariableName('Release.Artifacts.my app.BuildNumber'),
      'RELEASE_ARTIFACTS_MY_APP_BUILDNUMBER',
    );
    assert.equal(
      agentVariableName('UnbreakablePipeline.RollbackOfProblem'),
      'UNBREAKABLEPIPELINE_ROLLBACKOFPROBLEM',
    );
  });
});
