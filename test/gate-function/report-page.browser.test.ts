import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

import { type Browser, type Page } from 'playwright-core';

import { type LocalHost, startLocalHost } from '../../scripts/local-host/start-local-host';
import { launchChromium } from '../../scripts/report-screenshots/launch-chromium';
import {
  type DemoAnswer,
  DEMO_MONSPEC,
  postJson,
  recordDemoEvaluations,
} from '../../scripts/report-screenshots/record-demo-evaluations';
import { type DynatraceSimulator, startDynatraceSimulator } from '../../sim/dynatrace';
import { startAzurite, type AzuriteTables } from '../support/azurite';

const KEY = 'browser-test-key-7Hq2Lx9Vd4';
const SCREENSHOTS = path.join(__dirname, '..', '..', 'out', 'test-screenshots');
/** Service, comparison and context values that would run script if they were not escaped. */
const HOSTILE_SERVICE = `<script>window.__xss = 'service'</script><img src=x onerror="window.__xss = 'img'">`;
const HOSTILE_COMPARISON = `"><script>alert('comparison')</script>`;

/** What a page did while it was open. */
interface PageWatch {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly dialogs: string[];
  /** Every request the page made, as `METHOD url`. */
  readonly requests: string[];
  /** Requests to any host but 127.0.0.1; they are aborted. */
  readonly offHost: string[];
}

describe('the report page in Debian Chromium', function () {
  let azurite: AzuriteTables;
  let simulator: DynatraceSimulator;
  let host: LocalHost;
  let browser: Browser;
  let answers: DemoAnswer[];
  let hostileReportUrl: string;
  const hostLog: string[] = [];

  before(async function () {
    // The first run on a fresh machine installs Chromium from Debian's mirrors.
    this.timeout(10 * 60_000);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    [azurite, simulator] = await Promise.all([startAzurite(), startDynatraceSimulator()]);
    host = await startLocalHost({
      port: 0,
      key: KEY,
      apps: ['gate-function'],
      dynatraceUrl: simulator.url,
      dynatraceToken: simulator.token,
      settings: { AzureWebJobsStorage: azurite.connectionString, GATE_HISTORY_TABLE_NAME: 'browserreport' },
      log: (line) => hostLog.push(line),
    });
    answers = await recordDemoEvaluations({ hostUrl: host.url, key: KEY, simulator });

    const hostileMonspec = {
      [HOSTILE_SERVICE]: {
        ...DEMO_MONSPEC.SampleJSonService,
        comparisons: [{ ...DEMO_MONSPEC.SampleJSonService.comparisons[0], name: HOSTILE_COMPARISON }],
      },
    };
    const hostile = await postJson(`${host.url}/api/gate`, KEY, {
      monspec: hostileMonspec,
      service: HOSTILE_SERVICE,
      comparison: HOSTILE_COMPARISON,
      context: { releaseName: `<script>alert("release")</script>`, stage: `' onmouseover='alert(1)` },
    });
    const reportUrl = (hostile.body as { reportUrl?: unknown } | undefined)?.reportUrl;
    assert.equal(typeof reportUrl, 'string', `the hostile evaluation was not recorded: ${hostile.text}`);
    hostileReportUrl = String(reportUrl);
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await Promise.all([simulator?.close(), azurite?.close()]);
  });

  /** Opens `url` with the function key in a fresh context that allows requests to 127.0.0.1 only. */
  async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<PageWatch> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    const watch: PageWatch = {
      page: await context.newPage(),
      consoleErrors: [],
      dialogs: [],
      requests: [],
      offHost: [],
    };
    await context.route('**/*', async (route) => {
      const request = route.request();
      watch.requests.push(`${request.method()} ${request.url()}`);
      if (new URL(request.url()).hostname !== '127.0.0.1') {
        watch.offHost.push(request.url());
        await route.abort('blockedbyclient');
        return;
      }
      await route.continue();
    });
    watch.page.on('console', (message) => {
      if (message.type() === 'error') watch.consoleErrors.push(message.text());
    });
    watch.page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
    watch.page.on('dialog', (dialog) => {
      watch.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await watch.page.goto(withKey(url));
    assert.equal(response?.status(), 200, `GET ${url}`);
    return watch;
  }

  function assertClean(watch: PageWatch): void {
    assert.deepEqual(watch.offHost, [], 'no request may leave 127.0.0.1');
    assert.deepEqual(watch.consoleErrors, [], 'no console errors');
    assert.deepEqual(watch.dialogs, [], 'no dialog');
  }

  it('recorded the demo releases, passing and failing, each with a report link without the key', () => {
    assert.deepEqual(
      answers.map((answer) => [answer.release, answer.status]),
      [
        [101, 'pass'],
        [102, 'pass'],
        [103, 'fail'],
        [104, 'pass'],
        [105, 'pass'],
        [106, 'fail'],
      ],
    );
    for (const answer of answers) {
      const reportUrl = answer.reportUrl ?? '';
      assert.ok(reportUrl.startsWith(`${host.url}/api/report?service=SampleJSonService&`), reportUrl);
      assert.ok(!reportUrl.includes(KEY));
    }
  });

  it('shows one chart per metric and the verdict table, loading nothing but the page from 127.0.0.1', async () => {
    const latest = answers[answers.length - 1];
    assert.ok(latest?.reportUrl !== undefined);
    const watch = await open(latest.reportUrl);
    const { page } = watch;

    assert.equal(await page.locator('figure.chart svg[role="img"]').count(), 4);
    for (const chart of await page.locator('figure.chart svg[role="img"]').all()) {
      assert.match((await chart.locator('title').first().textContent()) ?? '', /across 6 evaluations$/);
      assert.match((await chart.locator('desc').textContent()) ?? '', /^6 evaluations from /);
    }
    const verdict = page.locator('section.card table.verdict-table');
    assert.equal(await verdict.locator('tbody tr').count(), 4);
    assert.match((await page.locator('section.card').textContent()) ?? '', /✕ FAIL[\s\S]*Release-106/);
    assert.equal(
      await page.locator('figure.chart circle.marker-violation').count(),
      4 + 2,
      'the four legends and one violation per failing release on the failure-rate chart',
    );
    assert.equal(await page.locator('details.evaluation').count(), 6);
    assert.equal(
      await page.locator('a[href^="https://dev.azure.com/contoso/SampleApp/_release?releaseId=106"]').count(),
      2,
    );

    assert.deepEqual(
      watch.requests,
      [`GET ${withKey(latest.reportUrl)}`],
      'the document is the only request',
    );
    assertClean(watch);
    const file = path.join(SCREENSHOTS, 'report-light.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 10_000);
    await page.context().close();
  });

  it('follows the dark theme', async () => {
    const latest = answers[answers.length - 1];
    assert.ok(latest?.reportUrl !== undefined);
    const watch = await open(latest.reportUrl, 'dark');
    assert.equal(
      await watch.page.evaluate('getComputedStyle(document.body).backgroundColor'),
      'rgb(13, 17, 23)',
    );
    assert.equal(
      await watch.page.evaluate(
        `getComputedStyle(document.querySelector('svg.chart-svg path.line-source')).stroke`,
      ),
      'rgb(68, 147, 248)',
    );
    assertClean(watch);
    await watch.page.screenshot({ path: path.join(SCREENSHOTS, 'report-dark.png'), fullPage: true });
    await watch.page.context().close();
  });

  it('opens a report from the list of series through its form, which carries the key', async () => {
    const watch = await open(`${host.url}/api/report`);
    const { page } = watch;
    assert.match(
      (await page.locator('table.series').textContent()) ?? '',
      /SampleJSonService[\s\S]*StagingToProduction/,
    );
    await page.locator('select[name="service"]').selectOption('SampleJSonService');
    await page.locator('select[name="comparison"]').selectOption('StagingToProduction');
    await page.locator('input[name="code"]').fill(KEY);
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.locator('form.open button').click(),
    ]);
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator('figure.chart').count(), 4);
    assertClean(watch);
    await page.context().close();
  });

  it('renders hostile service, comparison and context values as text: no script runs, no dialog opens', async () => {
    const watch = await open(hostileReportUrl);
    const { page } = watch;
    assert.equal(await page.evaluate('document.querySelectorAll("script").length'), 0);
    assert.equal(
      await page.evaluate(
        '[...document.querySelectorAll("*")].some((e) => [...e.attributes].some((a) => a.name.startsWith("on")))',
      ),
      false,
    );
    assert.equal(await page.evaluate('typeof window.__xss'), 'undefined');
    assert.equal(await page.locator('h1').textContent(), `${HOSTILE_SERVICE} · ${HOSTILE_COMPARISON}`);
    assert.match(
      (await page.locator('section.card dl').textContent()) ?? '',
      /<script>alert\("release"\)<\/script> · ' onmouseover='alert\(1\)/,
    );
    assert.deepEqual(
      watch.requests,
      [`GET ${withKey(hostileReportUrl)}`],
      'the injected image was not loaded',
    );
    assertClean(watch);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-hostile.png') });
    await page.context().close();
  });
});

function withKey(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}code=${KEY}`;
}
