import { type DemoClock } from './demo-clock';
import { PRODUCTION_GATE, STAGING_GATE } from './demo-monspec';
import { type DemoPipeline, type WatchOutcome } from './demo-pipeline';
import { type DemoStory } from './demo-stories';
import { type DeploymentOutcome, type GateOutcome, type StoryOutcome } from './demo-summary';
import { type Narrator } from './narrator';

/** A load test runs this long before a gate judges its 5-minute window (plus the 1-minute ingest delay). */
export const LOAD_TEST_MS = 6 * 60_000;
/** Dynatrace judges 3 complete minutes; one more makes sure all of them come after the deployment. */
export const DETECTION_MS = 4 * 60_000;

/** A story as it was played, and every look at Dynatrace it took. */
export interface StoryPlay {
  readonly outcome: StoryOutcome;
  readonly watches: readonly WatchOutcome[];
}

/**
 * Plays one release through the pipeline, letting the product decide every turn: deploy to Staging, let
 * the load test run, look at Dynatrace, ask the pre-deployment gate of Production; if it passes, deploy to
 * Production, let users be served, look at Dynatrace — and if something (self-healing) has redeployed
 * Production meanwhile, watch the recovery; otherwise ask the post-deployment gate.
 */
export async function playStory(
  context: { readonly pipeline: DemoPipeline; readonly clock: DemoClock; readonly narrator: Narrator },
  story: DemoStory,
  number: number,
): Promise<StoryPlay> {
  const { pipeline, clock, narrator } = context;
  const deployments: DeploymentOutcome[] = [];
  const gates: GateOutcome[] = [];
  const watches: WatchOutcome[] = [];
  const releaseName = `Release-${story.releaseId}`;
  const watch = async (): Promise<WatchOutcome> => {
    const outcome = await pipeline.watch();
    watches.push(outcome);
    deployments.push(...outcome.redeployments);
    return outcome;
  };
  const finish = (outcome: string): StoryPlay => {
    narrator.step(`→ ${outcome}`);
    return {
      outcome: {
        number,
        title: story.title,
        releaseId: story.releaseId,
        releaseName,
        build: story.build,
        deployments,
        gates,
        outcome,
      },
      watches,
    };
  };

  narrator.heading(`Story ${number}: ${releaseName}, build ${story.build}: ${story.title}`);
  pipeline.createRelease(story.releaseId, story.build);
  narrator.step(`${releaseName} created for build ${story.build}; its Staging deployment is queued`);
  deployments.push(await pipeline.deployQueued(story.releaseId, 'Staging', 'pipeline'));
  clock.advance(LOAD_TEST_MS);
  narrator.step('The load test has run against Staging for 6 minutes');
  await watch();

  const stagingGate = await pipeline.gate(story.releaseId, STAGING_GATE, 'Pre-deployment gate of Production');
  gates.push(stagingGate);
  if (stagingGate.verdict.status !== 'pass') {
    return finish(
      `The gate did not pass (${stagingGate.verdict.status}): ${releaseName} never reaches Production. Early break.`,
    );
  }

  pipeline.queueStage(story.releaseId, 'Production');
  deployments.push(await pipeline.deployQueued(story.releaseId, 'Production', 'pipeline'));
  clock.advance(DETECTION_MS);
  narrator.step('Production has served its users for 4 minutes');
  const replaced = (await watch()).redeployments.find((deployment) => deployment.stage === 'Production');
  if (replaced !== undefined) {
    narrator.step(
      `${releaseName}'s post-deployment gate has nothing left to judge: ${replaced.releaseName} runs in Production again`,
    );
    clock.advance(DETECTION_MS);
    narrator.step(`${replaced.releaseName} has served Production for 4 minutes`);
    await watch();
    return finish(
      `${releaseName} was rolled back by self-healing: ${replaced.releaseName} serves Production.`,
    );
  }
  clock.advance(LOAD_TEST_MS - DETECTION_MS);
  const productionGate = await pipeline.gate(
    story.releaseId,
    PRODUCTION_GATE,
    'Post-deployment gate of Production',
  );
  gates.push(productionGate);
  return finish(
    productionGate.verdict.status === 'pass'
      ? `${releaseName} is live in Production.`
      : `${releaseName} is in Production, but its post-deployment gate did not pass (${productionGate.verdict.status}).`,
  );
}
