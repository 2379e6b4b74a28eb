import assert from 'node:assert/strict';

import { entitySelectorOf } from '../../../../tasks/push-deployment-event/src/event-target';
import { InputError } from '../../../../tasks/push-deployment-event/src/input-error';
import { type TargetingInput } from '../../../../tasks/push-deployment-event/src/inputs';
import { resolveEventTarget } from '../../../../tasks/push-deployment-event/src/resolve-event-target';

const MONSPEC = `{
  // Two services, so the service input is needed.
  "Checkout": {
    "etype": "PROCESS_GROUP_INSTANCE",
    "environments": {
      "Staging": { "tags": [ { "context": "Environment", "key": "stage", "value": "staging" }, { "context": "CONTEXTLESS", "key": "checkout" } ] },
      "Production": { "entities": [ "PROCESS_GROUP_INSTANCE-1", "PROCESS_GROUP_INSTANCE-2" ] },
    },
    "comparisons": [ { "name": "StagingToProduction", "source": "Staging", "compare": "Production" } ],
    "perfsignature": [ { "timeseries": "com.dynatrace.builtin:service.responsetime" } ],
  },
  "Cart": {
    "environments": { "production": { "tags": [ { "context": "CONTEXTLESS", "key": "cart" } ] } },
    "comparisons": [ { "name": "Prod", "source": "production", "compare": "production" } ],
    "perfsignature": [ { "timeseries": "com.dynatrace.builtin:service.responsetime" } ],
  },
}`;

const SINGLE_SERVICE = {
  Cart: {
    environments: { Prod: { tags: [{ context: 'CONTEXTLESS', key: 'cart' }] } },
    comparisons: [{ name: 'P', source: 'Prod', compare: 'Prod' }],
    perfsignature: [{ timeseries: 'com.dynatrace.builtin:service.responsetime' }],
  },
};

const files: Readonly<Record<string, string>> = {
  '/specs/monspec.jsonc': MONSPEC,
  '/specs/single.json': JSON.stringify(SINGLE_SERVICE),
  '/specs/broken.json': '{ "Cart": ',
};

async function resolveWith(targeting: TargetingInput, releaseStage?: string) {
  return resolveEventTarget(targeting, {
    releaseStage,
    readTextFile: (path) => {
      const text = files[path];
      return text === undefined
        ? Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`))
        : Promise.resolve(text);
    },
  });
}

function monspec(service?: string, environment?: string): TargetingInput {
  return { kind: 'monspec', file: '/specs/monspec.jsonc', service, environment };
}

async function assertRejects(promise: Promise<unknown>, input: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.input, input);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('resolveEventTarget', () => {
  it('targets the tags input as an environment of the given entity type', async () => {
    const target = await resolveWith({
      kind: 'tags',
      entityType: 'HOST',
      tags: [{ context: 'CONTEXTLESS', key: 'app', value: 'shop' }],
    });
    assert.equal(entitySelectorOf(target), 'type(HOST),tag("app:shop")');
    assert.equal(target.input, 'tags');
  });

  it('passes an entity selector through', async () => {
    const target = await resolveWith({
      kind: 'entitySelector',
      entitySelector: 'type(HOST),entityId("HOST-1")',
    });
    assert.equal(entitySelectorOf(target), 'type(HOST),entityId("HOST-1")');
  });

  it("selects a monspec environment's tags with the definition's entity type", async () => {
    const target = await resolveWith(monspec('Checkout', 'Staging'));
    assert.equal(
      entitySelectorOf(target),
      'type(PROCESS_GROUP_INSTANCE),tag("[Environment]stage:staging"),tag("checkout")',
    );
    assert.equal(
      target.kind === 'environment' && target.origin,
      'environment "Staging" of "Checkout" in /specs/monspec.jsonc',
    );
  });

  it("selects a monspec environment's explicit entities", async () => {
    const target = await resolveWith(monspec('Checkout', 'Production'));
    assert.equal(
      entitySelectorOf(target),
      'type(PROCESS_GROUP_INSTANCE),entityId("PROCESS_GROUP_INSTANCE-1","PROCESS_GROUP_INSTANCE-2")',
    );
  });

  it('defaults the environment to the release stage, matching its case loosely when no name is exact', async () => {
    assert.equal(
      entitySelectorOf(await resolveWith(monspec('Checkout'), 'Staging')),
      entitySelectorOf(await resolveWith(monspec('Checkout', 'Staging'))),
    );
    assert.equal(
      entitySelectorOf(await resolveWith(monspec('Cart'), 'Production')),
      'type(SERVICE),tag("cart")',
    );
  });

  it('uses the only service of a single-service monspec', async () => {
    const target = await resolveWith({ kind: 'monspec', file: '/specs/single.json', environment: 'Prod' });
    assert.equal(entitySelectorOf(target), 'type(SERVICE),tag("cart")');
  });

  it('names the monspec file when it cannot be read or is not a valid monspec', async () => {
    await assertRejects(
      resolveWith({ kind: 'monspec', file: '/specs/missing.json' }),
      'monspecFile',
      /cannot read \/specs\/missing\.json: ENOENT/,
    );
    await assertRejects(
      resolveWith({ kind: 'monspec', file: '/specs/broken.json' }),
      'monspecFile',
      /\/specs\/broken\.json is not a valid monspec: .*not valid JSON/,
    );
  });

  it('lists the defined services and environments when the wanted one is missing', async () => {
    await assertRejects(resolveWith(monspec()), 'monspecService', /several services \(Checkout, Cart\)/);
    await assertRejects(
      resolveWith(monspec('Payment')),
      'monspecService',
      /"Payment" is not defined in the monspec; defined: Checkout, Cart/,
    );
    await assertRejects(
      resolveWith(monspec('Checkout', 'QA')),
      'monspecEnvironment',
      /"QA" is not an environment of "Checkout"; defined: Staging, Production/,
    );
    await assertRejects(
      resolveWith(monspec('Checkout'), 'qa'),
      'monspecEnvironment',
      /"qa" \(the release stage, as monspecEnvironment is empty\)/,
    );
    await assertRejects(
      resolveWith(monspec('Checkout')),
      'monspecEnvironment',
      /no release stage to default to; name one of Staging, Production/,
    );
  });
});
