// The HTML report in a real browser (issue 16): playwright-core drives Debian's Chromium
// (/usr/bin/chromium, installed by .ci/run; Playwright never downloads a browser) headless,
// opens the reports of worker-recycle-race and dup-handle-failure from disk, and checks that
// the overview chart, the timeline and the 4031 session's journey render, that hovering a 4031
// mark shows its event and clicking it shows the text of `dispatchsim explain 4031`, that the
// page follows prefers-color-scheme, and takes a screenshot; any console error, page error or
// request other than the file itself fails the test.
//
// Without Chromium the suite fails on CI (CI set) with what to install; on a developer machine
// without it (CI unset) it is skipped, and its title says so.
// DISPATCHSIM_SCREENSHOTS=docs writes the README's screenshot there (docs/html-report.png): the
// worker-recycle-race report after a click on its 4031 mark.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src/events/describe-event.js';
import { listBundledScenarios } from '../../../src/io/bundled-scenarios.js';
import { formatEventExplanation } from '../../../src/report/event-explanation.js';
import type { ReportJourney } from '../../../src/report/html/html-report-data.js';
import { dataBlocks, runHtmlReport } from '../../helpers/html-report-run.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const onCi = (process.env['CI'] ?? '') !== '' && process.env['CI'] !== 'false';
const screenshots = process.env['DISPATCHSIM_SCREENSHOTS'];

/** What each bundled scenario's report must show. */
const cases = [
  {
    scenario: 'worker-recycle-race',
    // faults, app orders, workers 1 and 2, SMSvcHost, Errors/Warnings, sessions
    lanes: 7,
    workers: 2,
    outcomeBars: 2,
    // 4031, 3346 ConnectionReaderSendFault, Event Log 8
    marks: 3,
    sessions: 4,
    failedSession: 1,
    readme: true,
  },
  {
    scenario: 'dup-handle-failure',
    lanes: 6,
    workers: 2,
    outcomeBars: 2,
    marks: 4,
    sessions: 6,
    failedSession: 3,
    readme: false,
  },
] as const;

interface Watched {
  readonly problems: string[];
}

/** Opens a report file and records every console error, page error and foreign request. */
async function open(
  browser: Browser,
  file: string,
  colorScheme: 'light' | 'dark',
): Promise<{ page: Page } & Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const url = pathToFileURL(file).href;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url) problems.push(`request: ${request.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  return { page, problems };
}

const title = hasChromium
  ? `HTML report in Chromium (${CHROMIUM})`
  : onCi
    ? `HTML report in Chromium: ${CHROMIUM} is missing`
    : `HTML report in Chromium (skipped: no ${CHROMIUM} and CI is unset; on CI this fails)`;

describe.skipIf(!hasChromium && !onCi)(title, { timeout: 120_000 }, () => {
  let browser: Browser | undefined;
  let dir = '';

  beforeAll(async () => {
    if (!hasChromium) return;
    dir = mkdtempSync(join(tmpdir(), 'dispatchsim-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('finds Debian’s Chromium (apt-get install chromium; .ci/run installs it)', () => {
    expect(hasChromium, `no browser at ${CHROMIUM}: run apt-get install chromium`).toBe(true);
  });

  it.for(cases)(
    'renders the overview, timeline and 4031 journey of $scenario, explains a clicked 4031',
    async (expected) => {
      // Arrange
      if (browser === undefined) throw new Error(`no browser at ${CHROMIUM}`);
      const { html, result } = await runHtmlReport(expected.scenario);
      const file = join(dir, `${expected.scenario}.html`);
      writeFileSync(file, html);
      const journey = (dataBlocks(html, 'journey') as ReportJourney[]).find(
        (j) => j.sessionId === expected.failedSession,
      );
      const explain4031 = describeEvent(4031);
      if (journey === undefined || explain4031 === undefined) throw new Error('no 4031 journey');

      // Act
      const { page, problems } = await open(browser, file, 'light');

      // Assert: the overview's chart.
      await expect(page.locator('#verdict').textContent()).resolves.toMatch(/^PASSED/);
      expect(await page.locator('#outcomes-chart rect.bar').count()).toBe(expected.outcomeBars);
      expect(
        await page.locator('#outcomes-chart .outcome-dispatch-failed title').textContent(),
      ).toBe(`dispatch-failed: ${result.outcomes['dispatch-failed']}`);
      // The timeline: lanes, series, worker bars, marks, sampled sessions.
      const timeline = page.locator('#timeline');
      expect(await timeline.locator('.lane').count()).toBe(expected.lanes);
      expect(await timeline.locator('.lane[data-lane="app:orders"] .series-queue').count()).toBe(1);
      expect(await timeline.locator('.lane[data-lane="app:orders"] .series-idle').count()).toBe(1);
      expect(await timeline.locator('.worker-bar').count()).toBe(expected.workers);
      expect(await timeline.locator('.mark').count()).toBe(expected.marks);
      expect(await timeline.locator('.mark-4031').count()).toBe(result.eventCounts['4031']);
      expect(await timeline.locator('.session-bar').count()).toBe(expected.sessions);
      // The journey of the 4031 session, shown by default.
      expect(await page.locator('#journey-facts').textContent()).toContain('dispatch-failed');
      expect(await page.locator('#journey-facts').textContent()).toContain(journey.activityId);
      expect(await page.locator('#journey-diagram .step').count()).toBe(journey.records.length + 2);
      const steps = page.locator('#journey-steps .journey-step');
      expect(await steps.count()).toBe(journey.records.length + 1);
      const failedStep = steps.filter({ hasText: '4031 DispatchSessionFailed' });
      expect(await failedStep.locator('.summary').textContent()).toBe(
        explain4031.explanation.summary,
      );
      expect(await steps.last().textContent()).toContain(
        `What the client saw: ${journey.client.result}`,
      );

      // Act: hover, then click the 4031 mark.
      const mark = timeline.locator('.mark-4031').first();
      await mark.hover();
      expect(await page.locator('#tooltip').isVisible()).toBe(true);
      expect(await page.locator('#tooltip').textContent()).toContain('4031 DispatchSessionFailed');
      await mark.click();

      // Assert: its explanation is the CLI's.
      const details = page.locator('#mark-details');
      expect(await details.isVisible()).toBe(true);
      expect(await details.locator('h3').textContent()).toMatch(/^4031 DispatchSessionFailed at /);
      expect(await details.locator('pre.explain').textContent()).toBe(
        formatEventExplanation(explain4031),
      );
      // The timeline and the start of the explanation, as the README shows them.
      await page.evaluate("document.getElementById('timeline-section').scrollIntoView()");
      const shot = await page.screenshot();
      expect(shot.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(shot.length).toBeGreaterThan(10_000);
      if (screenshots !== undefined && expected.readme) {
        writeFileSync(resolve(screenshots, 'html-report.png'), shot);
      }

      // Act: zoom in, and find the journey by its ActivityId after picking another session.
      const range = await page.locator('#timeline-range').textContent();
      await page.locator('#zoom-in').click();
      expect(await page.locator('#timeline-range').textContent()).not.toBe(range);
      await page.locator('#journey-select').selectOption({ index: 0 });
      await page.locator('#activity-input').fill(journey.activityId ?? '');
      await page.locator('#journey-find button[type="submit"]').click();
      expect(await page.locator('#journey-facts').textContent()).toContain(
        `session${expected.failedSession}`,
      );

      // Assert: nothing went wrong and nothing was fetched.
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('opens the report of every bundled scenario with no console error or request', async () => {
    // Arrange
    if (browser === undefined) throw new Error(`no browser at ${CHROMIUM}`);
    const names = (await listBundledScenarios()).map((s) => s.name);
    const drawn: string[] = [];

    // Act
    for (const name of names) {
      const file = join(dir, `all-${name}.html`);
      writeFileSync(file, (await runHtmlReport(name)).html);
      const { page, problems } = await open(browser, file, 'light');
      const lanes = await page.locator('#timeline .lane').count();
      const steps = await page.locator('#journey-steps .journey-step').count();
      drawn.push(
        `${name}: ${problems.length === 0 && lanes >= 4 && steps >= 2 ? 'ok' : `${lanes} lanes, ${steps} steps, ${problems.join('; ')}`}`,
      );
      await page.close();
    }

    // Assert
    expect(names.length).toBeGreaterThan(20);
    expect(drawn).toEqual(names.map((name) => `${name}: ok`));
  });

  it.for([
    // 4031, then 3346 and Event Log 8: Errors all.
    ['worker-recycle-race', { 'density-4031': 1, 'density-error': 2, 'density-warning': 0 }],
    // 4010 PendingSessionQueueFull: Warnings only.
    ['overload-burst', { 'density-4031': 0, 'density-error': 0, 'density-warning': 87 }],
  ] as const)(
    'stacks the Errors, Warnings lane of %s in each record’s level colour',
    async ([scenario, expected]) => {
      // Arrange
      if (browser === undefined) throw new Error(`no browser at ${CHROMIUM}`);
      const file = join(dir, `density-${scenario}.html`);
      writeFileSync(file, (await runHtmlReport(scenario)).html);
      const { page, problems } = await open(browser, file, 'light');

      // Act: the count in each stack's title, summed over the buckets.
      const drawn: Record<string, number> = {};
      for (const stack of Object.keys(expected)) {
        const titles = await page.locator(`#timeline rect.${stack} title`).allTextContents();
        drawn[stack] = titles.reduce((n, t) => n + Number(/^\d+/.exec(t)?.[0] ?? 'NaN'), 0);
      }

      // Assert
      expect(drawn).toEqual(expected);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  // A recycle and five crashes within five seconds wrote their labels over each other (user
  // report: "OrdersPoworkercrash at 5050200ms…").
  it('writes the labels of faults close together apart, and each in its mark tooltip', async () => {
    // Arrange
    if (browser === undefined) throw new Error(`no browser at ${CHROMIUM}`);
    const crashes = [5000, 5200, 6500, 6700, 8000].map((atMs) => ({
      kind: 'worker-crash' as const,
      atMs,
    }));
    const { html } = await runHtmlReport({
      name: 'close-faults',
      appPools: [{ name: 'OrdersPool', startMode: 'AlwaysRunning', maxProcesses: 2 }],
      apps: [{ name: 'orders', baseAddress: 'net.tcp://localhost/orders/', appPool: 'OrdersPool' }],
      workload: { sessions: 1000, arrivals: { poisson: { ratePerSec: 100 } } },
      faults: [{ kind: 'app-pool-recycle', pool: 'OrdersPool', atMs: 3000 }, ...crashes],
    });
    const file = join(dir, 'close-faults.html');
    writeFileSync(file, html);

    // Act
    const { page, problems } = await open(browser, file, 'light');
    const boxes = await page.evaluate<[number, number, number, number][]>(
      '[...document.querySelectorAll(\'.lane[data-lane="faults"] .fault-label\')].map((t) => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })',
    );
    const titles = await page.locator('.lane[data-lane="faults"] title').allTextContents();

    // Assert
    expect(boxes.length).toBeGreaterThan(1);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        expect(overlap, `labels ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(false);
      }
    }
    expect(titles).toEqual([
      'app-pool-recycle OrdersPool at 3000 ms',
      ...crashes.map((c) => `worker-crash at ${c.atMs} ms`),
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('follows prefers-color-scheme: dark', async () => {
    // Arrange
    if (browser === undefined) throw new Error(`no browser at ${CHROMIUM}`);
    const { html } = await runHtmlReport('worker-recycle-race');
    const file = join(dir, 'dark.html');
    writeFileSync(file, html);

    // Act
    const light = await open(browser, file, 'light');
    const dark = await open(browser, file, 'dark');
    // The page's own getComputedStyle, given as text (the tests compile without the DOM lib).
    const background = async (page: Page): Promise<string> =>
      String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));

    // Assert
    expect(await background(light.page)).toBe('rgb(255, 255, 255)');
    expect(await background(dark.page)).toBe('rgb(22, 24, 28)');
    expect([...light.problems, ...dark.problems]).toEqual([]);
  });
});
