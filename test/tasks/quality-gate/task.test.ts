import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { HttpRequest, InvocationContext } from '@azure/functions';

import { createGateHandler } from '../../../gate-function/src/create-gate-handler';
import { describePipeline } from '../../../gate-function/src/describe-pipeline';
import { readGateSettings } from '../../../gate-function/src/gate-settings';
import { readGateRequest } from '../../../gate-function/src/read-gate-request';
import { readPipelineIdentity } from '../../../gate-function/src/read-pipeline-identity';
import { type DynatraceSimulator, startDynatraceSimulator } from '../../../sim/dynatrace';
import { expandMacros, resolveTemplateValues } from '../../support/azure-devops-macros';
import { evaluateTaskExpression } from './evaluate-task-expression';

interface TaskInput {
  readonly name: string;
  readonly type: string;
  readonly label?: string;
  readonly defaultValue?: string;
  readonly required?: boolean;
  readonly helpMarkDown?: string;
  readonly groupName?: string;
  readonly visibleRule?: string;
  readonly options?: Record<string, string>;
}

interface Task {
  readonly id: string;
  readonly name: string;
  readonly runsOn: readonly string[];
  readonly visibility: readonly string[];
  readonly instanceNameFormat: string;
  readonly groups: readonly { readonly name: string }[];
  readonly inputs: readonly TaskInput[];
  readonly execution: {
    readonly HttpRequest: {
      readonly Execute: {
        readonly EndpointId: string;
        readonly EndpointUrl: string;
        readonly Method: string;
        readonly Body: string;
        readonly Headers: string;
        readonly WaitForCompletion: string;
        readonly Expression: string;
      };
    };
  };
}

const task = JSON.parse(
  readFileSync(path.join(__dirname, '../../../tasks/quality-gate/task.json'), 'utf8'),
) as Task;
const execute = task.execution.HttpRequest.Execute;

/** The predefined variables the templates may use (they exist in release gates, checks and agentless jobs). */
const SYSTEM_VARIABLES = {
  'system.CollectionUri': 'https://dev.azure.com/contoso/',
  'system.TeamProjectId': '6c1b2d3e-4f50-4a61-8b72-9c83d4e5f607',
  'system.HostType': 'release',
  'system.PlanId': '0f1e2d3c-4b5a-4697-8877-665544332211',
  'system.JobId': '11111111-2222-4333-8444-555555555555',
  'system.TimelineId': '22222222-3333-4444-8555-666666666666',
  'system.TaskInstanceId': '33333333-4444-4555-8666-777777777777',
};

/** The identity variables of a classic release gate (a release also knows its primary artifact's build). */
const CLASSIC_RELEASE_VARIABLES = {
  'System.TeamProject': 'Fabrikam Fiber',
  'Release.ReleaseId': '42',
  'Release.ReleaseName': 'Release-42',
  'Release.EnvironmentName': 'Production',
  'Release.AttemptNumber': '2',
  'Build.BuildId': '1311',
  'Build.BuildNumber': '20261122.3',
};

/** The identity variables of an agentless job in a YAML run. */
const YAML_RUN_VARIABLES = {
  'System.TeamProject': 'Fabrikam Fiber',
  'Build.BuildId': '3051',
  'Build.BuildNumber': '20261122.4',
  'System.StageName': 'Production',
  'System.StageAttempt': '1',
};

const FUNCTION_KEY = 'ZxPXnIEODXLRzYwCw1TgZ4osMfoKs9Zn6se6X/N0FnztfDvZbdOmYw==';
const FUNCTION_URL = 'https://unbreakable-gate.azurewebsites.net/api/gate';

/** A service name and a monspec with everything a raw JSON template would choke on. */
const AWKWARD_SERVICE = 'Sample "JSon" \\Service';
const AWKWARD_MONSPEC = [
  '// Staging against production; a "quoted" comment with a \\ backslash',
  '{',
  `  ${JSON.stringify(AWKWARD_SERVICE)}: {`,
  '    "name": "C:\\\\apps\\\\sample \\"node\\" service", // $(not.a.variable) stays as written',
  '    "environments": {',
  '      "Staging": { "tags": [{ "key": "DeploymentGroup", "value": "Staging" }] },\r',
  '      "Production": { "tags": [{ "key": "DeploymentGroup", "value": "Production" }] }',
  '    },',
  '    "comparisons": [{ "name": "StagingToProduction", "source": "Staging", "compare": "Production" }],',
  '    "perfsignature": [{ "timeseries": "com.dynatrace.builtin:service.failurerate", "aggregate": "avg" }]',
  '  }',
  '}',
  '',
].join('\n');

/** Builds the request Azure DevOps would send for these inputs, exactly as the templates say. */
function requestFor(
  given: Record<string, string>,
  options: { variables?: Record<string, string>; absent?: readonly string[] } = {},
): { url: string; headers: Record<string, string>; body: string } {
  const variables = {
    ...SYSTEM_VARIABLES,
    UnbreakableGateFunctionUrl: FUNCTION_URL,
    UnbreakableGateFunctionKey: FUNCTION_KEY,
    ...options.variables,
  };
  const values = resolveTemplateValues(task, given, variables, options.absent);
  return {
    url: expandMacros(execute.EndpointUrl, values),
    headers: JSON.parse(expandMacros(execute.Headers, values)) as Record<string, string>,
    body: expandMacros(execute.Body, values),
  };
}

function toHttpRequest(sent: { url: string; headers: Record<string, string>; body: string }): HttpRequest {
  return new HttpRequest({
    method: execute.Method,
    url: sent.url,
    headers: sent.headers,
    body: { string: sent.body },
  });
}

describe('the quality-gate task (tasks/quality-gate/task.json)', () => {
  describe('definition', () => {
    it('is the DynatraceQualityGate server task for classic gates and agentless jobs', () => {
      assert.equal(task.id, 'd9e39874-fbf2-44b8-9805-aedd9ad008c0');
      assert.equal(task.name, 'DynatraceQualityGate');
      assert.deepEqual([...task.runsOn].sort(), ['Server', 'ServerGate']);
      assert.deepEqual([...task.visibility].sort(), ['Build', 'Release']);
      assert.equal(execute.Method, 'POST');
      assert.equal(execute.WaitForCompletion, 'false');
      assert.equal(execute.EndpointId, '');
    });

    it('says what is compared in its instance name', () => {
      assert.match(task.instanceNameFormat, /\$\(service\)/);
      assert.match(task.instanceNameFormat, /\$\(comparison\)/);
    });

    it('gives every input a label, help and a default, and only refers to groups and inputs that exist', () => {
      const names = new Set(task.inputs.map((input) => input.name));
      const groups = new Set(task.groups.map((group) => group.name));
      for (const input of task.inputs) {
        assert.ok((input.label ?? '').trim() !== '', `${input.name} has no label`);
        assert.ok((input.helpMarkDown ?? '').trim().length > 20, `${input.name} has no helpful help`);
        assert.equal(typeof input.defaultValue, 'string', `${input.name} has no default`);
        if (input.required === true && input.visibleRule === undefined) {
          assert.notEqual(input.defaultValue, '', `${input.name} is required but has an empty default`);
        }
        if (input.groupName !== undefined)
          assert.ok(groups.has(input.groupName), `${input.name}: no group ${input.groupName}`);
        const ruleInput = /^(\w+)\s*=/.exec(input.visibleRule ?? '')?.[1];
        if (ruleInput !== undefined)
          assert.ok(names.has(ruleInput), `${input.name}: visibleRule names ${ruleInput}`);
        if (input.options !== undefined)
          assert.ok(input.defaultValue! in input.options, `${input.name}: default not an option`);
      }
    });

    it('uses every input and only known variables in its templates', () => {
      const templates = [
        execute.EndpointUrl,
        execute.Headers,
        execute.Body,
        execute.Expression,
        task.instanceNameFormat,
      ];
      const macros = new Set(
        templates.flatMap((template) => [...template.matchAll(/\$\(([^)]+)\)/g)].map((m) => m[1]!)),
      );
      const known = new Set([
        ...task.inputs.map((input) => input.name),
        ...Object.keys(SYSTEM_VARIABLES),
        ...Object.keys(CLASSIC_RELEASE_VARIABLES),
        ...Object.keys(YAML_RUN_VARIABLES),
      ]);
      for (const macro of macros)
        assert.ok(known.has(macro), `$(${macro}) is neither an input nor a known variable`);
      for (const input of task.inputs) assert.ok(macros.has(input.name), `${input.name} is not sent`);
    });
  });

  describe('the request Azure DevOps builds from the templates', () => {
    const inline = {
      monspecSource: 'inline',
      monspec: AWKWARD_MONSPEC,
      service: AWKWARD_SERVICE,
      comparison: 'StagingToProduction',
    };

    it('arrives as exactly the gate request the inputs describe, quotes, backslashes and line breaks included', async () => {
      const parsed = await readGateRequest(toHttpRequest(requestFor(inline)));
      assert.deepEqual(parsed, {
        monspec: { kind: 'text', text: AWKWARD_MONSPEC },
        service: AWKWARD_SERVICE,
        comparison: 'StagingToProduction',
        windowMinutes: 5,
        end: { kind: 'default' },
      });
    });

    it('sends the function key in the x-functions-key header only', () => {
      const sent = requestFor(inline);
      assert.equal(sent.headers['x-functions-key'], FUNCTION_KEY);
      assert.equal(sent.url, FUNCTION_URL);
      assert.ok(!sent.url.includes(FUNCTION_KEY) && !sent.url.includes('code='), sent.url);
      assert.ok(!sent.body.includes(FUNCTION_KEY));
      assert.deepEqual(
        Object.entries(sent.headers)
          .filter(([, value]) => value.includes(FUNCTION_KEY))
          .map(([name]) => name),
        ['x-functions-key'],
      );
    });

    it('sends the identity of the gate so the verdict can be traced, and no access token', () => {
      const { headers } = requestFor(inline);
      assert.equal(headers.PlanId, SYSTEM_VARIABLES['system.PlanId']);
      assert.equal(headers.TaskInstanceId, SYSTEM_VARIABLES['system.TaskInstanceId']);
      assert.ok(!Object.keys(headers).some((name) => name.toLowerCase() === 'authtoken'));
    });

    it('carries the classic release it gates, so the report links back to it', async () => {
      const parsed = await readGateRequest(
        toHttpRequest(requestFor(inline, { variables: CLASSIC_RELEASE_VARIABLES })),
      );
      assert.deepEqual(parsed.context, {
        project: 'Fabrikam Fiber',
        releaseId: '42',
        releaseName: 'Release-42',
        stage: 'Production',
        attempt: '2',
        runId: '1311',
        runName: '20261122.3',
      });
      const link = describePipeline(
        readPipelineIdentity({
          request: parsed.context,
          azureDevOps: { planUrl: SYSTEM_VARIABLES['system.CollectionUri'] },
        }),
      );
      assert.deepEqual(link, {
        label: 'Release-42 · Production · attempt 2',
        url: 'https://dev.azure.com/contoso/Fabrikam%20Fiber/_release?releaseId=42&_a=release-summary',
      });
    });

    it('carries the YAML run and stage it gates, dropping the classic variables that do not exist there', async () => {
      const parsed = await readGateRequest(
        toHttpRequest(requestFor(inline, { variables: YAML_RUN_VARIABLES })),
      );
      assert.deepEqual(parsed.context, {
        project: 'Fabrikam Fiber',
        runId: '3051',
        runName: '20261122.4',
        stageName: 'Production',
        stageAttempt: '1',
      });
      const link = describePipeline(
        readPipelineIdentity({
          request: parsed.context,
          azureDevOps: { planUrl: SYSTEM_VARIABLES['system.CollectionUri'] },
        }),
      );
      assert.deepEqual(link, {
        label: '20261122.4 · Production · attempt 1',
        url: 'https://dev.azure.com/contoso/Fabrikam%20Fiber/_build/results?buildId=3051&view=results',
      });
    });

    it('uses the monspec URL when that is the source, whatever the hidden inline input holds', async () => {
      const sent = requestFor(
        {
          monspecSource: 'url',
          monspecUrl: 'https://raw.githubusercontent.com/contoso/app/main/monspec.json?a=1&b="2"',
          service: 'Svc',
          comparison: 'C',
          window: '10',
        },
        { absent: ['monspec'] },
      );
      assert.match(sent.body, /\r\n\$\(monspec\)\r\n/, 'a hidden input is not substituted');
      const parsed = await readGateRequest(toHttpRequest(sent));
      assert.deepEqual(parsed.monspec, {
        kind: 'url',
        url: 'https://raw.githubusercontent.com/contoso/app/main/monspec.json?a=1&b="2"',
      });
      assert.equal(parsed.windowMinutes, 10);
    });

    it('reads the defaults from the Unbreakable* pipeline variables', async () => {
      const sent = requestFor(
        {},
        { variables: { UnbreakableMonspecUrl: 'https://x.example/m.json', UnbreakableService: 'Svc' } },
      );
      const parsed = await readGateRequest(toHttpRequest(sent));
      assert.deepEqual(parsed.monspec, { kind: 'url', url: 'https://x.example/m.json' });
      assert.equal(parsed.service, 'Svc');
      assert.equal(parsed.comparison, 'StagingToProduction');
    });

    it('says which variable is missing when a default names an undefined one', async () => {
      const error = await readGateRequest(
        toHttpRequest(requestFor({ monspecUrl: 'https://x.example/m.json' })),
      ).then(
        () => assert.fail('expected a refusal'),
        (reason: unknown) => reason as Error,
      );
      assert.match(
        error.message,
        /found \$\(UnbreakableService\), an Azure DevOps variable that is not defined/,
      );
    });

    describe('sent to the gate function', () => {
      let sim: DynatraceSimulator;

      before(async () => {
        sim = await startDynatraceSimulator();
      });

      after(async () => {
        await sim.close();
      });

      it('gets a verdict that the success expression turns into the task result', async () => {
        const handler = createGateHandler({
          settings: readGateSettings({ DT_URL: sim.url, DT_API_TOKEN: sim.token }),
        });
        const logs: string[] = [];
        const context = new InvocationContext({
          logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')),
        });
        const response = await handler(toHttpRequest(requestFor(inline)), context);
        assert.equal(response.status, 200, JSON.stringify(response.jsonBody));
        const root = response.jsonBody as { status: string; service: string; context: unknown };
        assert.equal(root.status, 'pass');
        assert.equal(root.service, AWKWARD_SERVICE);
        for (const text of [...logs, JSON.stringify(response.jsonBody)]) {
          assert.ok(
            !text.includes(FUNCTION_KEY) && !text.includes(sim.token),
            `a secret leaked into ${text}`,
          );
        }
        const expression = expandMacros(execute.Expression, resolveTemplateValues(task, inline, {}));
        assert.equal(evaluateTaskExpression(expression, root), true);
      });
    });
  });

  describe('the success expression', () => {
    const outcomes = [
      ['pass', 'false', true],
      ['pass', 'true', true],
      ['warning', 'false', false],
      ['warning', 'true', true],
      ['fail', 'false', false],
      ['fail', 'true', false],
      ['error', 'true', false],
      ['PASS', 'false', true],
    ] as const;

    for (const [status, warningPasses, passes] of outcomes) {
      it(`${passes ? 'accepts' : 'rejects'} status ${status} when "Pass on warning" is ${warningPasses}`, () => {
        const expression = expandMacros(
          execute.Expression,
          resolveTemplateValues(task, { warningPasses }, {}),
        );
        assert.equal(evaluateTaskExpression(expression, { status }), passes);
      });
    }

    it('rejects an answer without a status', () => {
      const expression = expandMacros(
        execute.Expression,
        resolveTemplateValues(task, { warningPasses: 'true' }, {}),
      );
      assert.equal(evaluateTaskExpression(expression, { message: 'html error page' }), false);
    });
  });

  describe('the emulation itself', () => {
    it('substitutes raw text, case-insensitively, once, and leaves unknown macros as they are', () => {
      assert.equal(
        expandMacros('{"a": "$(Service)", "b": "$(unknown.var)", "c": "$(loop)"}', {
          service: 'x"y\\',
          loop: '$(service)',
        }),
        '{"a": "x"y\\", "b": "$(unknown.var)", "c": "$(service)"}',
      );
    });

    it('evaluates the documented functions and refuses others', () => {
      assert.equal(evaluateTaskExpression("eq(root['a']['b'], 'It''s')", { a: { b: "it's" } }), true);
      assert.equal(evaluateTaskExpression("and(ne(root['n'], 2), not(false))", { n: 3 }), true);
      assert.throws(
        () => evaluateTaskExpression("contains(root['a'], 'x')", {}),
        /unsupported function contains/,
      );
      assert.throws(() => evaluateTaskExpression("eq(root['a'], $(x))", {}), /expected an expression/);
    });
  });
});
