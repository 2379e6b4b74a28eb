/** What a story must show for the demo to pass. */
export interface StoryExpectation {
  /** The verdict of the pre-deployment gate of Production (StagingToProduction). */
  readonly stagingGate: 'pass' | 'fail';
  /** For a failing staging gate: the metric (as the gate names it) that must be violated. */
  readonly violatedMetric?: string;
  /**
   * What happens in Production: `not-deployed` (the pipeline breaks early), `live` (deployed, and the
   * post-deployment gate passes), or rolled back by self-healing to an earlier release.
   */
  readonly production: 'not-deployed' | 'live' | { readonly rolledBackTo: number };
}

/** One release of the demo: which build it ships, how the story is told and what must happen. */
export interface DemoStory {
  readonly releaseId: number;
  /** A build of the sample app (seed 002): 1 and 3 are healthy, 2 fails half of all requests, 4 breaks Production. */
  readonly build: string;
  readonly title: string;
  readonly expected: StoryExpectation;
}

/** Seed 002's four builds, one release each. */
export const DEMO_STORIES: readonly DemoStory[] = [
  {
    releaseId: 1,
    build: '1',
    title: 'a healthy build goes all the way to Production',
    expected: { stagingGate: 'pass', production: 'live' },
  },
  {
    releaseId: 2,
    build: '2',
    title: 'half of all requests fail, so the staging gate breaks the pipeline early',
    expected: { stagingGate: 'fail', violatedMetric: 'Failure rate', production: 'not-deployed' },
  },
  {
    releaseId: 3,
    build: '3',
    title: 'back to normal, all the way to Production',
    expected: { stagingGate: 'pass', production: 'live' },
  },
  {
    releaseId: 4,
    build: '4',
    title: 'fine in Staging, slow and failing in Production: self-healing rolls it back',
    expected: { stagingGate: 'pass', production: { rolledBackTo: 3 } },
  },
];
