import { availableParallelism, cpus, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import {
  FIRST_LOAD_BUDGET_KB,
  FIRST_QUESTION_BUDGET_MS,
  firstLoad,
  kb,
  total,
  type FirstLoad,
} from './first-load.js';
import { CHROMIUM, DESKTOP, PHONE, startSite, type Site } from './site.js';

/**
 * Issue 23's time budget: at most 100 ms from navigation to the first question on screen, for a
 * fresh visitor of `/`. This file is the `web-timing` project (`vitest.timing.config.ts`), which
 * runs after every other test has finished, and it waits for a quiet CPU before each load: both the
 * best wall time and the page's own main-thread work of every load are asserted.
 */
/** Fresh loads of `/`, desktop and phone in turn; the best must meet the budget. */
const TIMED_LOADS = 9;

/** The share of all cores' time spent busy over `ms` (from the kernel's counters, `os.cpus()`). */
async function busyShare(ms: number): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (t, c) => {
        const { idle, ...rest } = c.times;
        const busy = Object.values(rest).reduce((a, b) => a + b, 0);
        return { busy: t.busy + busy, idle: t.idle + idle };
      },
      { busy: 0, idle: 0 },
    );
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  const busy = b.busy - a.busy;
  const all = busy + b.idle - a.idle;
  return all > 0 ? busy / all : 0;
}

/**
 * Waits (at most `limitMs`) until the machine is quiet: under a fifth of its CPU time busy over
 * half a second. A wall-clock budget says what the page costs, not what else the machine runs; a
 * CI runner still finishing other jobs' processes would otherwise decide the result.
 */
async function quietMachine(limitMs: number): Promise<number> {
  const until = Date.now() + limitMs;
  let share = await busyShare(500);
  while (share > 0.2 && Date.now() < until) share = await busyShare(500);
  return share;
}

describe.skipIf(!runsBrowserTests(CHROMIUM))('time to the first question (Chromium)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it(`a fresh load of / shows the first question within ${FIRST_QUESTION_BUDGET_MS} ms (best of ${TIMED_LOADS} loads on a quiet machine)`, async () => {
    const busyBefore = await quietMachine(30_000);
    const loads: FirstLoad[] = [];
    for (let i = 0; i < TIMED_LOADS; i++) {
      // Chromium tearing down the previous load's page must not land in this one.
      await quietMachine(2_000);
      loads.push(await firstLoad(site, '/', i % 2 ? PHONE : DESKTOP, { bytes: false }));
    }
    const best = Math.min(...loads.map((l) => l.ms));
    const median = [...loads].sort((a, b) => a.ms - b.ms)[TIMED_LOADS >> 1]?.ms ?? best;
    console.log(
      `web: ${TIMED_LOADS} fresh loads of /, first question after ` +
        loads
          .map(
            (l) =>
              `${l.ms.toFixed(0)} ms (own work ${l.work.toFixed(0)} ms; ${l.template}, ${kb(total(l))} KB)`,
          )
          .join(', ') +
        `; best ${best.toFixed(0)} ms (budget ${FIRST_QUESTION_BUDGET_MS} ms), median ` +
        `${median.toFixed(0)} ms; CPU ` +
        `${(100 * busyBefore).toFixed(0)} % busy before, load average ` +
        `${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores`,
    );
    for (const l of loads) {
      expect(l.ms).toBeGreaterThan(0);
      // The page's own work (its scripts, style and layout on the main thread, CPU time) fits the
      // budget on every load, whatever else runs on the machine.
      expect(l.work).toBeLessThanOrEqual(FIRST_QUESTION_BUDGET_MS);
      // And within the JavaScript budget: the entry and the question's topic chunk were fetched.
      expect(l.js.some((j) => /\/index-[^/]+\.js$/.test(j.url))).toBe(true);
      expect(total(l)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KB * 1024);
    }
    // The wall time from navigation (Chromium's own start of the page, fetching and compiling, then
    // the page's work and the frame that paints the question): its best load meets the budget.
    // The best, not the median: on a 2-core machine a load that shares the CPU with anything else
    // is slower by what else ran, not by what the page costs.
    expect(best).toBeLessThanOrEqual(FIRST_QUESTION_BUDGET_MS);
  });
});
