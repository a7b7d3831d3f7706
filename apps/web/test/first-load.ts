import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DESKTOP, type Site } from './site.js';

/** Issue 23's budgets: 130 KB of gzip JavaScript and 100 ms before the first question. */
export const FIRST_LOAD_BUDGET_KB = 130;
export const FIRST_QUESTION_BUDGET_MS = 100;

/**
 * Resolves once the page has set the performance mark `name`. Evaluated through the DevTools
 * protocol as a few lines in the page: Playwright's own `waitFor…` helpers inject its selector
 * engine (several milliseconds of script on the page's main thread) while the page is still
 * loading, which the time measured would then include.
 */
const markSet = (name: string) => `new Promise((resolve) => {
  const seen = () => performance.getEntriesByName(${JSON.stringify(name)}).length > 0;
  if (seen()) return resolve(true);
  new PerformanceObserver((_, observer) => {
    if (seen()) {
      observer.disconnect();
      resolve(true);
    }
  }).observe({ type: 'mark', buffered: true });
})`;

/**
 * One fresh load of the site as a new visitor makes it, measured: every JavaScript response until the
 * first question is on screen (gzip -9 of each body), the time from navigation to that question (the
 * `dlexam:first-question` mark the app sets once it has painted it), and the page's own main-thread
 * work. Shared by `offline.test.ts` (bytes) and `first-question.timing.test.ts` (time).
 */
export interface FirstLoad {
  template: string;
  ms: number;
  /** The page's own main-thread work until the question showed: script, style and layout (ms). */
  work: number;
  typesetMs: number;
  js: { url: string; gzip: number }[];
}

/**
 * One fresh load (empty cache and storage) of `path`, until the first question shows. The
 * JavaScript counted is every response whose request started before the app's
 * `dlexam:first-question` mark (Resource Timing), so what the page fetches once the question is on
 * screen (KaTeX, the service worker) does not count however fast Playwright notices the question.
 */
export async function firstLoad(
  site: Site,
  path: string,
  viewport = DESKTOP,
  { bytes = true }: { bytes?: boolean } = {},
): Promise<FirstLoad> {
  const context = await site.browser.newContext({ viewport });
  const page = await context.newPage();
  const bodies = new Map<string, Promise<number>>();
  // Reading bodies back through the DevTools protocol is the browser's work during the load; a
  // timed load leaves it out (`bytes: false`) and sizes the files the server sent instead.
  page.on('response', (r) => {
    if (!bytes) return;
    const type = r.headers()['content-type'] ?? '';
    if (!type.includes('javascript') && !r.url().endsWith('.js')) return;
    bodies.set(
      r.url(),
      r.body().then((b) => gzipSync(b, { level: 9 }).length),
    );
  });
  // Chromium's own accounting of the page's main thread (CPU time, not wall time).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () =>
    Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    );
  const m0 = await metrics();
  await page.goto(`${site.base}${path}`);
  await cdp.send('Runtime.evaluate', {
    expression: markSet('dlexam:first-question'),
    awaitPromise: true,
  });
  const m1 = await metrics();
  const question = await page.waitForSelector('[data-testid="question"]');
  const work =
    1000 *
    ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'].reduce(
      (s, k) => s + (m1[k] ?? 0) - (m0[k] ?? 0),
      0,
    );
  const template = (await question.getAttribute('data-template')) ?? '';
  // KaTeX follows the question; wait for it so the typeset time is known too.
  await cdp.send('Runtime.evaluate', {
    expression: markSet('dlexam:math-typeset'),
    awaitPromise: true,
  });
  const timing = await page.evaluate(() => ({
    ms: performance.getEntriesByName('dlexam:first-question')[0]?.startTime ?? -1,
    typesetMs: performance.getEntriesByName('dlexam:math-typeset')[0]?.startTime ?? -1,
    started: performance
      .getEntriesByType('resource')
      .map((e) => ({ url: e.name, start: e.startTime })),
  }));
  const before = new Set(timing.started.filter((e) => e.start < timing.ms).map((e) => e.url));
  // The HTML's own module script and its preloads are in Resource Timing too.
  const js: FirstLoad['js'] = [];
  if (bytes) {
    for (const [url, gzip] of bodies)
      if (before.has(url)) js.push({ url: new URL(url).pathname, gzip: await gzip });
  } else {
    // The same responses, named by Resource Timing and sized from the files the server sent.
    for (const url of before) {
      const path = new URL(url).pathname;
      if (path.endsWith('.js'))
        js.push({
          url: path,
          gzip: gzipSync(readFileSync(join(site.outDir, path)), { level: 9 }).length,
        });
    }
  }
  await context.close();
  return { template, ms: timing.ms, work, typesetMs: timing.typesetMs, js };
}

export const kb = (n: number) => (n / 1024).toFixed(1);
export const total = (l: FirstLoad) => l.js.reduce((s, x) => s + x.gzip, 0);
