import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseMonspec, planEvaluation } from '../../../../lib/monspec';
import {
  CLASSIC_RELEASE_PROPERTIES,
  CLASSIC_RELEASE_VARIABLES,
  YAML_RUN_PROPERTIES,
  YAML_RUN_VARIABLES,
} from '../support/pipeline-fixtures';
import { type MockRunScenario, type StubAnswer } from '../support/mock-run-scenario';
import { type MockRunResult, runMockScenario } from '../support/run-mock-scenario';
import { assertTokenNotLeaked } from '../support/task-output';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..', '..');
const MONSPEC_FILE = 'test/fixtures/monspec/seed-002-sample-app.jsonc';
const CONNECTION_ID = 'b3c1a2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const TOKEN = 'dt0c01.MOCKRUNTOKEN00000000000000.' + '7'.repeat(64);
const OK_FOR_ONE: StubAnswer = {
  status: 201,
  body: { reportCount: 1, eventIngestResults: [{ correlationId: '41f5d263011a6c9a', status: 'OK' }] },
};
const NO_MATCH: StubAnswer = { status: 201, body: { reportCount: 0, eventIngestResults: [] } };
const STAGING_TAGS = '[Environment]DEPLOYMENT_GROUP_NAME:Staging\napp:SampleNodeJsService';
const STAGING_SELECTOR =
  'type(SERVICE),tag("[Environment]DEPLOYMENT_GROUP_NAME:Staging"),tag("app:SampleNodeJsService")';

/** Runs the task with a connection holding {@link TOKEN} and checks that the token never leaks. */
async function runTask(
  scenario: Partial<Pick<MockRunScenario, 'variables' | 'answers'>> & {
    readonly inputs: Readonly<Record<string, string>>;
    readonly pastedToken?: string;
    readonly authorizationRecord?: string;
  },
): Promise<MockRunResult> {
  const result = await runMockScenario({
    inputs: { dynatraceConnection: CONNECTION_ID, ...scenario.inputs },
    variables: scenario.variables ?? {},
    connection: {
      id: CONNECTION_ID,
      apiToken: scenario.pastedToken ?? TOKEN,
      ...(scenario.authorizationRecord === undefined
        ? {}
        : { authorizationRecord: scenario.authorizationRecord }),
    },
    answers: scenario.answers ?? [OK_FOR_ONE],
  });
  assertTokenNotLeaked(result.stdout + result.stderr, TOKEN);
  return result;
}

/** The parts of an Events API v2 body the tests read. */
interface IngestBody {
  readonly eventType: string;
  readonly title: string;
  readonly entitySelector: string;
  readonly properties: Readonly<Record<string, string>>;
}

function onlyRequest<TBody = IngestBody>(
  result: MockRunResult,
): { readonly path: string; readonly headers: Readonly<Record<string, unknown>>; readonly body: TBody } {
  assert.equal(result.requests.length, 1, `expected one request, got ${result.requests.length}`);
  const [request] = result.requests;
  return request as unknown as { path: string; headers: Record<string, unknown>; body: TBody };
}

describe('push deployment event task (MockTestRunner)', () => {
  describe('input → request mapping', () => {
    it('targets tags with the entity type and one tag() criterion per line, all of which must match', async () => {
      const result = await runTask({
        inputs: {
          tags: STAGING_TAGS,
          deploymentName: 'checkout 1.4.2',
          deploymentVersion: '1.4.2',
          customProperties: 'owner=team-checkout\n# a comment\nticket=CHG-1=2',
        },
        pastedToken: `Api-Token ${TOKEN}`,
      });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const request = onlyRequest(result);
      assert.equal(request.path, '/api/v2/events/ingest');
      // The token was pasted with its "Api-Token " prefix; the header must not carry it twice.
      assert.equal(request.headers.authorization, `Api-Token ${TOKEN}`);
      assert.equal(request.body.eventType, 'CUSTOM_DEPLOYMENT');
      assert.equal(request.body.title, 'checkout 1.4.2');
      assert.equal(request.body.entitySelector, STAGING_SELECTOR);
      assert.equal(request.body.properties['dt.event.deployment.version'], '1.4.2');
      assert.equal(request.body.properties.owner, 'team-checkout');
      assert.equal(request.body.properties.ticket, 'CHG-1=2');
      assert.deepEqual(result.outputs, { DynatraceEventCorrelationIds: '41f5d263011a6c9a' });
    });

    it('sends an entity selector exactly as written', async () => {
      const entitySelector = 'type(PROCESS_GROUP_INSTANCE),tag("app:shop"),entityName.startsWith("checkout")';
      const result = await runTask({
        inputs: {
          targeting: 'entitySelector',
          entitySelector,
          eventType: 'CUSTOM_INFO',
          deploymentName: 'n',
          deploymentVersion: 'v',
        },
      });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const { body } = onlyRequest(result);
      assert.equal(body.entitySelector, entitySelector);
      assert.equal(body.eventType, 'CUSTOM_INFO');
    });

    it('targets a monspec environment with the entity selector the quality gate queries for it', async () => {
      const result = await runTask({
        inputs: { targeting: 'monspec', monspecFile: MONSPEC_FILE, monspecEnvironment: 'Production' },
        variables: { ...YAML_RUN_VARIABLES, 'System.DefaultWorkingDirectory': REPOSITORY_ROOT },
      });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const monspec = parseMonspec(readFileSync(join(REPOSITORY_ROOT, MONSPEC_FILE), 'utf8')).monspec;
      const gate = planEvaluation(monspec, {
        service: 'SampleJSonService',
        comparison: 'StagingToProduction',
        windowMinutes: 5,
        endMs: 0,
      });
      assert.equal(onlyRequest(result).body.entitySelector, gate.compare.entitySelector);
      assert.equal(gate.compare.entitySelector, 'type(SERVICE),tag("DeploymentGroup:Production")');
    });

    it('defaults the monspec environment to the release stage', async () => {
      const result = await runTask({
        inputs: { targeting: 'monspec', monspecFile: join(REPOSITORY_ROOT, MONSPEC_FILE) },
        variables: CLASSIC_RELEASE_VARIABLES,
      });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      assert.equal(
        onlyRequest(result).body.entitySelector,
        'type(SERVICE),tag("DeploymentGroup:Production")',
      );
    });
  });

  describe('defaults from predefined variables', () => {
    it('fills every contract property from a classic release', async () => {
      const result = await runTask({ inputs: { tags: STAGING_TAGS }, variables: CLASSIC_RELEASE_VARIABLES });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const { body } = onlyRequest(result);
      assert.deepEqual(body.properties, CLASSIC_RELEASE_PROPERTIES);
      assert.equal(body.title, 'sample-app-CD Release-42');
    });

    it('fills every contract property from a YAML run', async () => {
      const result = await runTask({ inputs: { tags: STAGING_TAGS }, variables: YAML_RUN_VARIABLES });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      assert.deepEqual(onlyRequest(result).body.properties, YAML_RUN_PROPERTIES);
    });

    it('marks a redeployment by self-healing as the rollback of its problem', async () => {
      const result = await runTask({
        inputs: { tags: STAGING_TAGS },
        variables: { ...CLASSIC_RELEASE_VARIABLES, 'UnbreakablePipeline.RollbackOfProblem': 'P-22013994' },
      });

      const { properties } = onlyRequest(result).body;
      assert.equal(properties['unbreakable.rollback'], 'true');
      assert.equal(properties['unbreakable.rollback.problem_id'], 'P-22013994');
    });
  });

  describe('Events API v1', () => {
    it('posts the same contract with attach rules: the v1 fields, and everything else in customProperties', async () => {
      const result = await runTask({
        inputs: {
          apiVersion: 'v1',
          tags: STAGING_TAGS,
          remediationActionLink: 'https://tower.example.net/api/v2/job_templates/8/launch/',
          customProperties: 'owner=team-checkout',
        },
        variables: CLASSIC_RELEASE_VARIABLES,
        answers: [
          {
            status: 200,
            body: {
              storedEventIds: [-615347611084605],
              storedIds: ['-6153476110846051426_1533300519291'],
              storedCorrelationIds: [],
            },
          },
        ],
      });

      assert.equal(result.result, 'Succeeded', result.resultMessage);
      const request = onlyRequest<unknown>(result);
      assert.equal(request.path, '/api/v1/events');
      const {
        'dt.event.deployment.name': deploymentName,
        'dt.event.deployment.version': deploymentVersion,
        'dt.event.deployment.project': deploymentProject,
        'dt.event.deployment.ci_back_link': ciBackLink,
        'dt.event.source': source,
        ...rest
      } = CLASSIC_RELEASE_PROPERTIES;
      assert.deepEqual(request.body, {
        eventType: 'CUSTOM_DEPLOYMENT',
        source,
        attachRules: {
          tagRule: [
            {
              meTypes: ['SERVICE'],
              tags: [
                { context: 'ENVIRONMENT', key: 'DEPLOYMENT_GROUP_NAME', value: 'Staging' },
                { context: 'CONTEXTLESS', key: 'app', value: 'SampleNodeJsService' },
              ],
            },
          ],
        },
        title: deploymentName,
        deploymentName,
        deploymentVersion,
        deploymentProject,
        ciBackLink,
        remediationAction: 'https://tower.example.net/api/v2/job_templates/8/launch/',
        customProperties: { owner: 'team-checkout', ...rest },
      });
      assert.deepEqual(result.outputs, {
        DynatraceEventCorrelationIds: '-6153476110846051426_1533300519291',
      });
    });
  });

  describe('outcomes', () => {
    it('fails naming the status of every entity when Dynatrace does not accept the event everywhere', async () => {
      const result = await runTask({
        inputs: { tags: STAGING_TAGS },
        variables: YAML_RUN_VARIABLES,
        answers: [
          {
            status: 201,
            body: {
              reportCount: 2,
              eventIngestResults: [
                { correlationId: '41f5d263011a6c9a', status: 'OK' },
                { correlationId: '80eae4d163cc5760', status: 'INVALID_METADATA' },
              ],
            },
          },
        ],
      });

      assert.equal(result.result, 'Failed');
      const [error] = result.errors;
      assert.match(error ?? '', /rejected the event for 1 of 2 matched entities/);
      assert.match(error ?? '', /41f5d263011a6c9a\): OK/);
      assert.match(error ?? '', /80eae4d163cc5760\): INVALID_METADATA/);
      assert.equal(result.outputs.DynatraceEventCorrelationIds, undefined);
    });

    it('retries while no entity matches, then fails naming the entity selector', async () => {
      const result = await runTask({
        inputs: { tags: STAGING_TAGS, retriesWhenNoEntityMatches: '2', retryDelaySeconds: '0' },
        variables: YAML_RUN_VARIABLES,
        answers: [NO_MATCH],
      });

      assert.equal(result.result, 'Failed');
      assert.equal(result.requests.length, 3);
      assert.equal(result.errors.length, 1);
      assert.ok(
        result.errors[0]?.includes(`No Dynatrace entity matches the entity selector ${STAGING_SELECTOR}`),
      );
      assert.ok(result.errors[0]?.includes('after 3 attempts'));
    });

    it('warns and succeeds with issues when configured to, naming the entity selector', async () => {
      const result = await runTask({
        inputs: {
          tags: STAGING_TAGS,
          retriesWhenNoEntityMatches: '1',
          retryDelaySeconds: '0',
          whenNoEntityMatches: 'warn',
        },
        variables: YAML_RUN_VARIABLES,
        answers: [NO_MATCH],
      });

      assert.equal(result.result, 'SucceededWithIssues');
      assert.equal(result.requests.length, 2);
      assert.deepEqual(result.errors, []);
      assert.ok(result.warnings.some((warning) => warning.includes(STAGING_SELECTOR)));
      assert.deepEqual(result.outputs, { DynatraceEventCorrelationIds: '' });
    });

    it("fails with Dynatrace's own message when Dynatrace refuses the request", async () => {
      const result = await runTask({
        inputs: { tags: STAGING_TAGS },
        variables: YAML_RUN_VARIABLES,
        answers: [
          {
            status: 403,
            body: {
              error: {
                code: 403,
                message: 'Token is missing required scope. Use one of: events.ingest (Ingest events)',
              },
            },
          },
        ],
      });

      assert.equal(result.result, 'Failed');
      assert.match(
        result.errors[0] ?? '',
        /403.*Token is missing required scope\. Use one of: events\.ingest/,
      );
      assert.match(result.errors[0] ?? '', /dynatraceConnection/);
    });

    it('fails without quoting a malformed service connection record, which holds the token', async () => {
      const result = await runTask({
        inputs: { tags: STAGING_TAGS },
        authorizationRecord: `{"scheme":"Token","parameters":{"apitoken":"${TOKEN}"`,
      });

      assert.equal(result.result, 'Failed');
      assert.deepEqual(result.requests, []);
      assert.match(
        result.errors[0] ?? '',
        /authorization data of service connection "b3c1a2d4-.*" is not valid JSON/,
      );
    });

    it('fails naming the input, before sending anything, when an input is unusable', async () => {
      const result = await runTask({
        inputs: { tags: '[Environment]DEPLOYMENT_GROUP_NAME:$(Release.EnvironmentName)' },
        variables: YAML_RUN_VARIABLES,
      });

      assert.equal(result.result, 'Failed');
      assert.deepEqual(result.requests, []);
      assert.match(result.errors[0] ?? '', /^Input tags: contains \$\(Release\.EnvironmentName\)/);
    });
  });
});
