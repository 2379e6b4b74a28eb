// Captures the build-validation report in the light and the dark theme for overview.md and the README
// (`npx tsx scripts/capture-report-screenshots.ts`): starts Azurite, the Dynatrace simulator and the local
// functions host, lets the gate evaluate six releases of the sample app while the simulator switches builds,
// and photographs the report of the last one with Debian's Chromium. The PNGs in images/ are committed;
// re-run after changing the report's look.
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { startDynatraceSimulator } from '../sim/dynatrace';
import { startAzurite } from './azurite/start-azurite';
import { startLocalHost } from './local-host/start-local-host';
import { launchChromium } from './report-screenshots/launch-chromium';
import { recordDemoEvaluations } from './report-screenshots/record-demo-evaluations';

const ROOT = path.join(__dirname, '..');
/** Wide enough for two charts side by side. */
const VIEWPORT = { width: 1280, height: 900 } as const;

async function main(): Promise<void> {
  const browser = await launchChromium();
  const azurite = await startAzurite();
  const simulator = await startDynatraceSimulator();
  const key = randomBytes(18).toString('base64url');
  try {
    const host = await startLocalHost({
      port: 0,
      key,
      apps: ['gate-function'],
      dynatraceUrl: simulator.url,
      dynatraceToken: simulator.token,
      settings: { AzureWebJobsStorage: azurite.connectionString, GATE_HISTORY_TABLE_NAME: 'screenshots' },
      log: () => undefined,
    });
    try {
      const answers = await recordDemoEvaluations({ hostUrl: host.url, key, simulator });
      const reportUrl = answers[answers.length - 1]?.reportUrl;
      if (reportUrl === undefined)
        throw new Error('the gate recorded no evaluation; is AzureWebJobsStorage set?');
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport: VIEWPORT, colorScheme });
        const page = await context.newPage();
        const response = await page.goto(`${reportUrl}&code=${encodeURIComponent(key)}`);
        if (response?.status() !== 200) throw new Error(`GET /api/report answered ${response?.status()}`);
        // Down to the end of the charts: the verdict and every metric across the releases.
        const charts = await page.locator('section[aria-labelledby="charts-heading"]').boundingBox();
        if (charts === null) throw new Error('the report has no charts');
        const height = Math.ceil(charts.y + charts.height + 24);
        const file = path.join('images', `report-${colorScheme}.png`);
        await page.screenshot({
          path: path.join(ROOT, file),
          fullPage: true,
          clip: { x: 0, y: 0, width: VIEWPORT.width, height },
        });
        await context.close();
        console.log(`wrote ${file} (${VIEWPORT.width}×${height})`);
      }
    } finally {
      await host.close();
    }
  } finally {
    await browser.close();
    await simulator.close();
    await azurite.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
