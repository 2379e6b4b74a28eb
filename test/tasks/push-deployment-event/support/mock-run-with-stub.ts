/**
 * The mock-run script MockTestRunner spawns: it plays the agent (inputs, variables, service connection,
 * agent temp directory) and Dynatrace (a scripted HTTP stub), then runs the task's real entry point with
 * task-lib's mock runner. The stub lives here because MockTestRunner blocks the mocha process while the
 * script runs. It is a script, not a test: it does nothing when mocha merely loads it.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

import { TaskMockRunner } from 'azure-pipelines-task-lib/mock-run';

import { type MockRunScenario, SCENARIO_VARIABLE, type StubbedRequest } from './mock-run-scenario';

const TASK_ENTRY = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tasks',
  'push-deployment-event',
  'src',
  'index.ts',
);

if (require.main === module) {
  main();
}

function main(): void {
  const scenario = JSON.parse(process.env[SCENARIO_VARIABLE] ?? 'null') as MockRunScenario | null;
  if (scenario === null)
    throw new Error(`${SCENARIO_VARIABLE} is not set; this script is run by MockTestRunner`);
  const requests: StubbedRequest[] = [];
  process.on('exit', () => writeFileSync(scenario.requestsFile, JSON.stringify(requests)));

  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      });
      const answer = scenario.answers[Math.min(requests.length, scenario.answers.length) - 1];
      const payload = answer?.body === undefined ? '' : JSON.stringify(answer.body);
      // Without `connection: close` the client's keep-alive socket holds the process open for seconds.
      response.writeHead(answer?.status ?? 500, {
        connection: 'close',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
      });
      response.end(payload);
    });
  });
  // The task's own work keeps the process alive; the stub must not, so the process ends with the task.
  server.unref();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const { id, apiToken, authorizationRecord } = scenario.connection;
    process.env.AGENT_TEMPDIRECTORY = scenario.agentTempDirectory;
    process.env[`ENDPOINT_URL_${id}`] = `http://127.0.0.1:${port}`;
    process.env[`ENDPOINT_AUTH_${id}`] =
      authorizationRecord ?? JSON.stringify({ scheme: 'Token', parameters: { apitoken: apiToken } });
    process.env[`ENDPOINT_AUTH_SCHEME_${id}`] = 'Token';
    process.env[`ENDPOINT_AUTH_PARAMETER_${id}_APITOKEN`] = apiToken;
    for (const [name, value] of Object.entries(scenario.variables)) {
      process.env[name.replace(/[. ]/g, '_').toUpperCase()] = value;
    }
    const runner = new TaskMockRunner(TASK_ENTRY);
    for (const [name, value] of Object.entries(scenario.inputs)) runner.setInput(name, value);
    runner.run();
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
