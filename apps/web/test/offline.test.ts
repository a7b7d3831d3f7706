import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import { FIRST_LOAD_BUDGET_KB, firstLoad, kb, total, type FirstLoad } from './first-load.js';
import { CHROMIUM, DESKTOP, PHONE, open, startSite, type Site } from './site.js';

/**
 * First load and offline use, in Chromium: every JavaScript response of a fresh load until the first
 * question is on screen (gzip -9 of each body, summed), and the site working with the network cut
 * after one visit, installable as an app. The time to the first question is measured by
 * `first-question.timing.test.ts`, which runs once every other test has finished.
 */
describe.skipIf(!runsBrowserTests(CHROMIUM))('first load and offline (Chromium)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it(`a fresh load of / fetches at most ${FIRST_LOAD_BUDGET_KB} KB gzip of JavaScript before the first question`, async () => {
    const loads: FirstLoad[] = [];
    for (let i = 0; i < 4; i++) loads.push(await firstLoad(site, '/', i % 2 ? PHONE : DESKTOP));
    const heaviest = loads.reduce((a, b) => (total(b) > total(a) ? b : a));
    console.log(
      `web: fresh loads of /: ${loads.map((l) => `${l.template} ${kb(total(l))} KB`).join(', ')}. Heaviest:\n` +
        heaviest.js
          .sort((a, b) => b.gzip - a.gzip)
          .map((x) => `  ${kb(x.gzip).padStart(6)} KB ${x.url}`)
          .join('\n'),
    );
    for (const l of loads) {
      expect(l.ms).toBeGreaterThan(0);
      expect(l.js.some((x) => x.url.includes('/assets/index-'))).toBe(true);
      // Neither the builder, the exporters, KaTeX, handlebars' compiler, the analyzer nor the
      // service worker load first.
      for (const x of l.js)
        expect(x.url).not.toMatch(
          /builder|export|analyze|yaml|katex|rich-text-html|handlebars|sw\.js|workbox/,
        );
      expect(total(l)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB * 1024);
      // The math is typeset once KaTeX has arrived, after the question.
      expect(l.typesetMs).toBeGreaterThan(l.ms);
    }
  });

  it(`a shared link to a question of any topic fetches at most ${FIRST_LOAD_BUDGET_KB} KB gzip of JavaScript first`, async () => {
    for (const id of [
      'foundations.softmax-ce',
      'cnn.conv-output-size',
      'rnn.lstm-step',
      'regularization.dropout-arithmetic',
      'optimization.adaptive-run',
    ]) {
      const l = await firstLoad(site, `/#/practice/${id}/p0000000003`, PHONE);
      console.log(`web: ${id}: ${kb(total(l))} KB, ${l.ms.toFixed(0)} ms`);
      expect(l.template).toBe(id);
      expect(total(l)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB * 1024);
      // Its own topic's chunk only.
      const other = ['foundations', 'cnn', 'rnn', 'regularization', 'optimization'].filter(
        (t) => !id.startsWith(t),
      );
      for (const x of l.js) expect(x.url).not.toMatch(new RegExp(`/(${other.join('|')})-`));
    }
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
