import assert from 'node:assert/strict';
import {
  decideRemediation,
  deploymentKey,
  type EntityFinding,
  type RemediationDecision,
  type RemediationPolicy,
  type TriggeredDeploymentFact,
} from '../../../lib/remediation';
import {
  classic,
  COLLECTION,
  east,
  found,
  MINUTE,
  none,
  ourEvent,
  T0,
  west,
  yaml,
} from './remediation-test-kit';

const policy: RemediationPolicy = {
  allowedCollections: ['https://dev.azure.com/Fabrikam'],
  allowedRemediationHosts: ['tower.example.com'],
  selfUrl: 'https://selfheal.azurewebsites.net/api/selfheal',
};
const at = T0 - 30 * MINUTE;

/** What a decision is about, in one comparable line. */
function summarize(decision: RemediationDecision): string {
  switch (decision.kind) {
    case 'nothing-to-do':
      return 'nothing-to-do';
    case 'escalate':
      return `escalate ${decision.reason}`;
    case 'roll-back-release':
      return `roll back release ${decision.deployment.releaseId} via ${decision.collectionUrl}`;
    case 're-run-stage':
      return `re-run run ${decision.deployment.runId} stage ${decision.deployment.stageName} via ${decision.collectionUrl}`;
    case 'call-remediation-action':
      return `call ${decision.url}`;
  }
}

describe('decideRemediation', () => {
  const cases: readonly {
    name: string;
    findings: readonly EntityFinding[];
    triggered?: ReadonlyMap<string, TriggeredDeploymentFact>;
    expected: string;
  }[] = [
    { name: 'does nothing when the problem has no entities', findings: [], expected: 'nothing-to-do' },
    {
      name: 'does nothing when no entity has a deployment of ours',
      findings: [none(east), none(west)],
      expected: 'nothing-to-do',
    },
    {
      name: 'rolls back a classic release; an entity without our event does not stand in the way',
      findings: [found(east, ourEvent('e', at, { deployment: classic(5) })), none(west)],
      expected: 'roll back release 5 via https://dev.azure.com/Fabrikam',
    },
    {
      name: 'rolls back one release seen on several entities once',
      findings: [
        found(east, ourEvent('e', at, { deployment: classic(5) })),
        found(west, ourEvent('w', at + 1, { deployment: classic(5) })),
      ],
      expected: 'roll back release 5 via https://dev.azure.com/Fabrikam',
    },
    {
      name: 're-runs the stage of a YAML run',
      findings: [found(east, ourEvent('e', at, { deployment: yaml(44) }))],
      expected: 're-run run 44 stage Production via https://dev.azure.com/Fabrikam',
    },
    {
      name: 'escalates when the entities point to different deployments of ours',
      findings: [
        found(east, ourEvent('e', at, { deployment: classic(5) })),
        found(west, ourEvent('w', at, { deployment: yaml(44) })),
      ],
      expected: 'escalate conflicting-culprits',
    },
    {
      name: 'escalates a culprit that carries the rollback marker',
      findings: [found(east, ourEvent('e', at, { deployment: classic(4), rollbackOfProblem: 'P-1' }))],
      expected: 'escalate culprit-is-rollback',
    },
    {
      name: 'escalates a culprit this function triggered (a re-run YAML stage carries no marker)',
      findings: [found(east, ourEvent('e', at, { deployment: yaml(41, { stageAttempt: 2 }) }))],
      triggered: new Map([[deploymentKey(yaml(41)), { problemId: 'p', displayId: 'P-1', attempt: 2 }]]),
      expected: 'escalate culprit-is-rollback',
    },
    {
      name: 'escalates a culprit this function triggered when the attempt is not known',
      findings: [found(east, ourEvent('e', at, { deployment: classic(4, { attempt: 3 }) }))],
      triggered: new Map([[deploymentKey(classic(4)), { problemId: 'p' }]]),
      expected: 'escalate culprit-is-rollback',
    },
    {
      name: 'rolls back an earlier attempt of a deployment it later triggered again (the record is about attempt 2)',
      findings: [found(east, ourEvent('e', at, { deployment: yaml(41, { stageAttempt: 1 }) }))],
      triggered: new Map([[deploymentKey(yaml(41)), { problemId: 'p', attempt: 2 }]]),
      expected: 're-run run 41 stage Production via https://dev.azure.com/Fabrikam',
    },
    {
      name: 'calls a remediation action on an allowed host instead of rolling back',
      findings: [
        found(
          east,
          ourEvent('e', at, {
            deployment: classic(5),
            remediationActionLink: 'https://tower.example.com/api/v2/job_templates/12/launch/',
          }),
        ),
      ],
      expected: 'call https://tower.example.com/api/v2/job_templates/12/launch/',
    },
    {
      name: 'rolls back when the remediation action link points to this function',
      findings: [
        found(
          east,
          ourEvent('e', at, {
            deployment: classic(5),
            remediationActionLink: 'https://selfheal.azurewebsites.net/api/selfheal?code=x',
          }),
        ),
      ],
      expected: 'roll back release 5 via https://dev.azure.com/Fabrikam',
    },
    {
      name: 'escalates a remediation action link on a host that is not allowed',
      findings: [
        found(
          east,
          ourEvent('e', at, { deployment: classic(5), remediationActionLink: 'https://evil.example.net/x' }),
        ),
      ],
      expected: 'escalate remediation-link-not-allowed',
    },
    {
      name: 'never calls the remediation action of a rollback',
      findings: [
        found(
          east,
          ourEvent('e', at, {
            rollbackOfProblem: 'P-1',
            remediationActionLink: 'https://tower.example.com/api/v2/job_templates/12/launch/',
          }),
        ),
      ],
      expected: 'escalate culprit-is-rollback',
    },
    {
      name: 'escalates an event of ours that does not identify a release or run',
      findings: [found(east, ourEvent('e', at))],
      expected: 'escalate incomplete-deployment-identity',
    },
    {
      name: 'escalates a deployment in an organization that is not allowed',
      findings: [
        found(
          east,
          ourEvent('e', at, { deployment: classic(5, { collectionUri: 'https://dev.azure.com/other/' }) }),
        ),
      ],
      expected: 'escalate collection-not-allowed',
    },
    {
      name: 'escalates an organization that only differs in scheme',
      findings: [
        found(
          east,
          ourEvent('e', at, { deployment: classic(5, { collectionUri: 'http://dev.azure.com/fabrikam/' }) }),
        ),
      ],
      expected: 'escalate collection-not-allowed',
    },
  ];
  for (const { name, findings, triggered, expected } of cases) {
    it(name, () => {
      const decision = decideRemediation({ findings, policy, triggeredDeployments: triggered ?? new Map() });
      assert.equal(summarize(decision), expected);
    });
  }

  it('hands the configured organization URL to the action, never the one from the event', () => {
    const decision = decideRemediation({
      findings: [
        found(
          east,
          ourEvent('e', at, { deployment: classic(5, { collectionUri: COLLECTION.toUpperCase() }) }),
        ),
      ],
      policy,
      triggeredDeployments: new Map(),
    });
    assert.equal(
      decision.kind === 'roll-back-release' && decision.collectionUrl,
      'https://dev.azure.com/Fabrikam',
    );
  });

  it('explains conflicting culprits by naming each deployment and its entities', () => {
    const decision = decideRemediation({
      findings: [
        found(east, ourEvent('e', at, { deployment: classic(5) })),
        found(west, ourEvent('w', at + MINUTE, { deployment: classic(6) })),
      ],
      policy,
      triggeredDeployments: new Map(),
    });
    assert.equal(
      decision.kind === 'escalate' && decision.message,
      'The impacted entities point to 2 different deployments of ours: Release-6 of SampleNodeJsService-CD, stage Production (on west); ' +
        'Release-5 of SampleNodeJsService-CD, stage Production (on east). It is not clear which one caused the problem, so none was rolled back.',
    );
  });

  it('explains an incomplete identity with what is missing', () => {
    const event = ourEvent('e', at);
    const decision = decideRemediation({
      findings: [
        found(east, { ...event, properties: { ...event.properties, 'azuredevops.pipeline_kind': 'yaml' } }),
      ],
      policy,
      triggeredDeployments: new Map(),
    });
    assert.match(
      decision.kind === 'escalate' ? decision.message : '',
      /does not identify an Azure DevOps release or run: azuredevops\.collection_uri is missing; azuredevops\.project is missing/,
    );
  });
});
