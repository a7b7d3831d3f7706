import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import { CHROMIUM, DESKTOP, PHONE, open, startSite, type Site } from './site.js';

/**
 * First load and offline use, in Chromium: every JavaScript response of a fresh load of `/` until
 * the first question is on screen (gzip -9 of each body, summed), the time from navigation to that
 * question (a performance mark the app sets), and the site working with the network cut after one
 * visit, installable as an app.
 */
// A guard against growth, not the goal (issue 23 asks for 130 KB: precompiled stems and KaTeX off the
// first load would reach it). 181 KB measured after the generator gained the degenerate-variant gates.
const FIRST_LOAD_BUDGET_KB = 186;

describe.skipIf(!runsBrowserTests(CHROMIUM))('first load and offline (Chromium)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it(`a fresh load of / fetches at most ${FIRST_LOAD_BUDGET_KB} KB gzip of JavaScript before the first question`, async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const js: { url: string; gzip: number }[] = [];
    let shown = false;
    const pending: Promise<void>[] = [];
    page.on('response', (r) => {
      if (shown) return;
      const type = r.headers()['content-type'] ?? '';
      if (!type.includes('javascript') && !r.url().endsWith('.js')) return;
      pending.push(
        r.body().then(
          (b) =>
            void js.push({
              url: new URL(r.url()).pathname,
              gzip: gzipSync(b, { level: 9 }).length,
            }),
        ),
      );
    });
    await page.goto(`${site.base}/`);
    await page.waitForSelector('[data-testid="question"]');
    shown = true;
    await Promise.all(pending);
    const total = js.reduce((s, x) => s + x.gzip, 0);
    const ms = await page.evaluate(
      () => performance.getEntriesByName('dlexam:first-question')[0]?.startTime ?? -1,
    );
    console.log(
      `web: first question after ${ms.toFixed(0)} ms; ${(total / 1024).toFixed(1)} KB gzip of JS in ${js.length} responses:\n` +
        js
          .sort((a, b) => b.gzip - a.gzip)
          .map((x) => `  ${(x.gzip / 1024).toFixed(1).padStart(6)} KB ${x.url}`)
          .join('\n'),
    );
    expect(ms).toBeGreaterThan(0);
    expect(js.some((x) => x.url.includes('/assets/index-'))).toBe(true);
    // Neither the builder, the exporters, the analyzer nor the service worker load first.
    for (const x of js) expect(x.url).not.toMatch(/builder|export|analyze|yaml|sw\.js|workbox/);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB * 1024);
    await context.close();
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`${size}: after one visit the site works with the network cut, and is installable`, async () => {
      const { page, context, errors } = await open(site, '', viewport);
      await page.waitForSelector('[data-testid="question"]');
      // The service worker installs (precaching every chunk) and takes control.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.reload();
      await page.waitForSelector('[data-testid="question"]');
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      // Playwright's contexts are incognito, which Chromium never offers to install from; every
      // other criterion (manifest, icons, a service worker with a fetch handler) must hold.
      expect(
        installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'),
      ).toEqual([]);
      const manifest = (await cdp.send('Page.getAppManifest')) as {
        errors: { message: string }[];
        url: string;
      };
      expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
      expect(manifest.errors).toEqual([]);

      await context.setOffline(true);
      expect(
        await page.evaluate(() =>
          fetch('https://example.com/').then(
            () => 'online',
            () => 'offline',
          ),
        ),
      ).toBe('offline');
      // A fresh navigation, every topic (each its own chunk), the progress page and the builder.
      await page.goto(`${site.base}/index.html#/practice/rnn.lstm-step/p0000000001`);
      await page.waitForSelector('[data-testid="question"] .katex');
      for (const id of [
        'foundations.softmax-ce',
        'cnn.layer-table',
        'regularization.dropout-arithmetic',
        'optimization.momentum-steps',
      ]) {
        await page.goto(`${site.base}/index.html#/practice/${id}/p0000000002`);
        await page.waitForSelector(`[data-testid="question"][data-template="${id}"]`);
      }
      await page.click('[data-testid="coach-toggle"]');
      await page.waitForSelector('[data-testid="coach-reason"]');
      await page.goto(`${site.base}/index.html#/progress`);
      await page.waitForSelector('[data-testid="mastery-chart"]');
      await page.goto(`${site.base}/index.html#/builder`);
      await page.waitForSelector('[data-testid="seed"]', { timeout: 60_000 });
      await page.click('[data-testid="preview-exam"]');
      await page.waitForSelector('[data-testid="versions-preview"]', { timeout: 60_000 });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
