import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import type { Page } from 'playwright-core';
import { generateVariant, numericKey } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import type { QuestionKind, Variant } from '@dlexam/types';
import { offersMisconception } from '../src/coach.js';
import {
  CHROMIUM,
  DESKTOP,
  PHONE,
  axeProblems,
  open,
  questionShown,
  shots,
  startSite,
  type Site,
} from './site.js';

/**
 * What a student meets, at desktop size and on a 390×844 phone: shared links, typed answers,
 * wide math, the coach, the progress page, the builder preview, accessibility (axe-core) and a
 * keyboard-only flow. Skipped (with the reason) only where /usr/bin/chromium is absent.
 */
const CONV = cnnTemplates.find((t) => t.id === 'cnn.conv-output-size')!;
const MISTAKE = 'kernel-as-stride';

/** A seed whose numeric variant of the conv template offers the misconception. */
function convWithMistake(): { seed: string; v: Variant } {
  for (let i = 0; ; i++) {
    const seed = `p${(0xc0de00 + i).toString(16).padStart(10, '0')}`;
    const v = generateVariant(CONV, seed, { kind: 'numeric' });
    if (offersMisconception(v, MISTAKE)) return { seed, v };
  }
}

const shown = async (page: Page) => {
  await questionShown(page);
  const q = page.locator('[data-testid="question"]');
  return {
    templateId: (await q.getAttribute('data-template'))!,
    seed: (await q.getAttribute('data-seed'))!,
    kind: (await q.getAttribute('data-kind')) as QuestionKind,
  };
};

const learner = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('dlexam.learner.v1') ?? 'null'));

/** Answers the conv question with the misconception's value, then checks. */
async function answerWithMistake(page: Page, v: Variant) {
  const wrong = v.choices.find((c) => c.misconception === MISTAKE)!;
  await page.fill('[data-testid="numeric-input"]', String(wrong.value));
  await page.click('button:has-text("Check")');
  expect(await page.textContent('[data-testid="result"]')).toContain(wrong.feedback);
}

/** Types or picks the right answer of a numeric, single-choice or table variant, then checks. */
async function answerRight(page: Page, v: Variant) {
  const a = v.answer;
  if (a.kind === 'numeric')
    await page.fill('[data-testid="numeric-input"]', numericKey(a.numeric).value);
  else if (a.kind === 'single')
    await page.locator('[data-testid="choice"] input').nth(a.correct).check();
  else if (a.kind === 'table') {
    const inputs = page.locator('.answer-table td input, .answer-table td select');
    let k = 0;
    for (const row of a.rows)
      for (const c of row) {
        if (c.type === 'numeric') await inputs.nth(k++).fill(numericKey(c.answer).value);
        else if (c.type === 'choice') await inputs.nth(k++).selectOption(String(c.correct));
      }
  } else throw new Error(`answerRight: ${a.kind} not scripted`);
  await page.click('button:has-text("Check")');
}

describe.skipIf(!runsBrowserTests(CHROMIUM))('student-facing web app (Chromium)', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    describe(`${size} ${viewport.width}×${viewport.height}`, () => {
      it('a shared link sets topic and template; "Next variant" stays on that template', async () => {
        const { page, context, errors } = await open(
          site,
          '#/practice/rnn.gru-step/p0123456789',
          viewport,
        );
        expect((await shown(page)).templateId).toBe('rnn.gru-step');
        expect(await page.locator('[data-testid="topic-select"]').inputValue()).toBe('rnn');
        expect(await page.locator('[data-testid="template-select"]').inputValue()).toBe(
          'rnn.gru-step',
        );
        for (let i = 0; i < 3; i++) {
          const before = (await shown(page)).seed;
          await page.click('button:has-text("Next variant")');
          await page.waitForFunction(
            (s) =>
              document.querySelector('[data-testid="question"]')?.getAttribute('data-seed') !== s,
            before,
          );
          expect((await shown(page)).templateId).toBe('rnn.gru-step');
        }
        expect(errors).toEqual([]);
        await context.close();
      });

      it('a non-number only asks for a number: nothing is graded, the streak stays', async () => {
        const v = generateVariant(CONV, 'p00000000a1', { kind: 'numeric' });
        if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
        const { page, context } = await open(
          site,
          `#/practice/${CONV.id}/p00000000a1?kind=numeric`,
          viewport,
        );
        await shown(page);
        await page.fill('[data-testid="numeric-input"]', String(v.answer.numeric.value));
        await page.click('button:has-text("Check")');
        expect(await page.textContent('[data-testid="result"]')).toContain('Correct.');
        for (const typed of ['abc', '1,5', '3 px']) {
          await page.fill('[data-testid="numeric-input"]', typed);
          await page.click('button:has-text("Check")');
          expect(await page.textContent('[data-testid="notice"]')).toBe(
            'Enter a number such as 12, -0.25 or 4.07e17.',
          );
          expect(await page.locator('[data-testid="result"]').count()).toBe(0);
          expect(await page.getAttribute('[data-testid="numeric-input"]', 'aria-invalid')).toBe(
            'true',
          );
        }
        const s = await learner(page);
        expect(s.log).toHaveLength(1);
        expect(s.streak.current).toBe(1);
        // Table cells too: the cell holding text is marked, nothing is graded.
        await page.goto(`${site.base}/index.html#/practice/cnn.layer-table/p00000000b2?kind=table`);
        await page.waitForSelector('[data-testid="cell-input"]');
        await page.locator('[data-testid="cell-input"]').nth(1).fill('twelve');
        await page.click('button:has-text("Check")');
        expect(await page.textContent('[data-testid="notice"]')).toBe(
          'Enter numbers in the marked cells, such as 12, -0.25 or 4.07e17.',
        );
        expect(
          await page.locator('[data-testid="cell-input"]').nth(1).getAttribute('aria-invalid'),
        ).toBe('true');
        expect((await learner(page)).log).toHaveLength(1);
        await context.close();
      });

      it('wide math, tables and figures scroll visibly inside their box; the page never scrolls sideways', async () => {
        const { page, context } = await open(
          site,
          '#/practice/rnn.lstm-step/p0000000001',
          viewport,
        );
        await shown(page);
        const pageFits = () =>
          page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        expect(await pageFits()).toBe(true);
        const scrollBoxes = () =>
          page.$$eval('.overflowing', (els) =>
            els.map((el) => {
              const before = el.scrollLeft;
              el.scrollLeft = 80;
              const moved = el.scrollLeft > before;
              el.scrollLeft = 0;
              return {
                cls: el.className,
                tabindex: el.getAttribute('tabindex'),
                label: el.getAttribute('aria-label'),
                moved,
                cue: getComputedStyle(el).backgroundImage.includes('gradient'),
              };
            }),
          );
        if (viewport === PHONE) {
          const boxes = await scrollBoxes();
          const math = boxes.filter((b) => b.cls.includes('math-display'));
          expect(math.length).toBeGreaterThan(0);
          for (const b of math)
            expect(b).toMatchObject({
              tabindex: '0',
              label: 'Equation (scrolls sideways)',
              moved: true,
              cue: true,
            });
          await page.screenshot({ path: join(shots, 'phone-lstm.png'), fullPage: true });
        }
        await page.goto(`${site.base}/index.html#/practice/cnn.layer-table/p0000000001?kind=table`);
        await page.waitForSelector('[data-testid="cell-input"]');
        expect(await pageFits()).toBe(true);
        // The figure keeps its own size, so its labels stay readable (≥ 10 px tall).
        const fig = await page.$eval('.figure svg', (svg) => ({
          width: svg.getBoundingClientRect().width,
          natural: Number(svg.getAttribute('width')),
          text: svg.querySelector('text')!.getBoundingClientRect().height,
        }));
        expect(fig.width).toBeCloseTo(fig.natural, 0);
        expect(fig.text).toBeGreaterThanOrEqual(10);
        if (viewport === PHONE) {
          const boxes = await scrollBoxes();
          expect(boxes.find((b) => b.cls.includes('table-wrap'))).toMatchObject({
            tabindex: '0',
            label: 'Table (scrolls sideways)',
            moved: true,
            cue: true,
          });
          expect(boxes.find((b) => b.cls.includes('figure'))).toMatchObject({
            tabindex: '0',
            moved: true,
          });
          await page.screenshot({ path: join(shots, 'phone-layer-table.png'), fullPage: true });
        }
        await context.close();
      });

      it('Coach me: after a misconception, the same template with that trap, explained in one line', async () => {
        const { seed, v } = convWithMistake();
        const { page, context, errors } = await open(
          site,
          `#/practice/${CONV.id}/${seed}?kind=numeric`,
          viewport,
        );
        await shown(page);
        await answerWithMistake(page, v);
        await page.click('[data-testid="coach-toggle"]');
        expect(await page.getAttribute('[data-testid="coach-toggle"]', 'aria-pressed')).toBe(
          'true',
        );
        await page.waitForFunction(
          (s) =>
            document.querySelector('[data-testid="question"]')?.getAttribute('data-seed') !== s,
          seed,
        );
        await expect
          .poll(() => page.textContent('[data-testid="coach-reason"]'))
          .toBe(
            'Last time you divided by the kernel size instead of the stride — here is another “Convolution output size” question with that trap.',
          );
        const next = await shown(page);
        expect(next.templateId).toBe(CONV.id);
        const nv = generateVariant(CONV, next.seed, { kind: next.kind });
        expect(offersMisconception(nv, MISTAKE)).toBe(true);
        if (viewport === DESKTOP)
          await page.screenshot({ path: join(shots, 'coach.png'), fullPage: false });
        // Answered right (in whichever kind the coach chose), the coach moves on and says why.
        await answerRight(page, nv);
        expect(await page.textContent('[data-testid="result"]')).toContain('Correct.');
        await page.click('button:has-text("Next variant")');
        await expect
          .poll(() => page.textContent('[data-testid="coach-reason"]'))
          .toMatch(/^(“.+” (is your weakest so far|tripped you up recently)|New for you: “.+”)/);
        // The mode is remembered.
        await page.reload();
        await page.waitForSelector('[data-testid="question"]');
        expect(await page.getAttribute('[data-testid="coach-toggle"]', 'aria-pressed')).toBe(
          'true',
        );
        expect(errors).toEqual([]);
        await context.close();
      });

      it('progress page: chart and tables, top mistakes with practice links, streak, export, import, reset', async () => {
        const { seed, v } = convWithMistake();
        const { page, context, errors } = await open(
          site,
          `#/practice/${CONV.id}/${seed}?kind=numeric`,
          viewport,
        );
        await shown(page);
        await answerWithMistake(page, v);
        if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
        await page.fill('[data-testid="numeric-input"]', String(v.answer.numeric.value));
        await page.click('button:has-text("Check")');
        await page.click('nav >> text=Progress');
        await page.waitForSelector('[data-testid="mastery-chart"]');
        const chart = page.locator('[data-testid="mastery-chart"]');
        expect(await chart.getAttribute('role')).toBe('img');
        expect(await chart.locator('desc').textContent()).toMatch(
          /^Estimated mastery: foundations 20 %, cnn \d+ %, rnn 20 %/,
        );
        expect(await page.locator('[data-testid="topic-table"] tbody tr').count()).toBe(5);
        expect(await page.textContent('[data-testid="template-table"]')).toContain(
          'Convolution output size',
        );
        expect(await page.textContent('[data-testid="template-table"]')).toContain('1 of 2');
        expect(await page.textContent('[data-testid="streak"]')).toMatch(
          /1 right in a row\s*1 best run\s*1 day in a row/,
        );
        expect(await page.textContent('[data-testid="mistakes"] li')).toContain(
          'You divided by the kernel size instead of the stride.',
        );
        await page.screenshot({
          path: join(shots, viewport === PHONE ? 'progress-phone.png' : 'progress.png'),
          fullPage: true,
        });
        // Export: the file is the stored state.
        const [dl] = await Promise.all([
          page.waitForEvent('download'),
          page.click('[data-testid="export-progress"]'),
        ]);
        expect(dl.suggestedFilename()).toBe('dlexam-progress.json');
        const exported = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
        expect(exported).toEqual(await learner(page));
        // Import: another file is refused with one line; a progress file replaces the state.
        await page.setInputFiles('[data-testid="import-progress"]', {
          name: 'exam.json',
          mimeType: 'application/json',
          buffer: Buffer.from('{"schema":"dlexam.exam/1"}'),
        });
        await expect
          .poll(() => page.textContent('[data-testid="progress-message"]'))
          .toBe(
            'exam.json: this is not a dlexam progress file: expected "schema": "dlexam.learner/1"',
          );
        // Reset asks first, then erases.
        await page.click('[data-testid="reset-progress"]');
        await page.click('[data-testid="reset-confirm"]');
        expect(await learner(page)).toBeNull();
        expect(await page.locator('[data-testid="mistakes"]').count()).toBe(0);
        await page.setInputFiles('[data-testid="import-progress"]', {
          name: 'mine.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(exported)),
        });
        await expect
          .poll(() => page.textContent('[data-testid="progress-message"]'))
          .toBe('Imported mine.json.');
        expect(await learner(page)).toEqual(exported);
        // "Practise this" opens a question of that template offering that mistake.
        await page.click('[data-testid="practise-mistake"]');
        const q = await shown(page);
        expect(q.templateId).toBe(CONV.id);
        expect(
          offersMisconception(
            generateVariant(CONV, q.seed, q.kind ? { kind: q.kind } : {}),
            MISTAKE,
          ),
        ).toBe(true);
        expect(page.url()).toMatch(new RegExp(`#/practice/${CONV.id}/${q.seed}`));
        expect(errors).toEqual([]);
        await context.close();
      });

      it('builder: "Preview versions" assembles in a worker; previews cut at words with math rendered; no 404', async () => {
        const { page, context, errors } = await open(site, '#/builder', viewport);
        const workers: string[] = [];
        page.on('worker', (w) => workers.push(w.url()));
        await page.waitForSelector('[data-testid="seed"]', { timeout: 120_000 });
        await page.fill('[data-testid="seed"]', 'student-preview');
        await page.fill('[data-testid="versions"]', '200');
        await page.click('[data-testid="preview-exam"]');
        // The page answers while the versions are assembled elsewhere.
        expect(await page.textContent('[data-testid="busy"]')).toBe('Assembling the versions…');
        await page.waitForSelector('[data-testid="versions-preview"]', { timeout: 120_000 });
        expect(workers.some((u) => /\/assets\/assemble-worker-[\w-]+\.js$/.test(u))).toBe(true);
        expect(await page.locator('[data-testid="versions-preview"] details').count()).toBe(200);
        const stems = await page.$$eval('[data-testid="versions-preview"] .preview-stem', (els) =>
          els.map((e) => ({
            text: e.textContent ?? '',
            katex: e.querySelectorAll('.katex').length,
            raw: /\\\(|\\\[/.test(e.textContent ?? ''),
          })),
        );
        expect(stems.length).toBeGreaterThan(0);
        expect(stems.some((s) => s.katex > 0)).toBe(true);
        for (const s of stems) expect(s.raw, s.text).toBe(false);
        for (const s of stems.filter((x) => x.text.endsWith('…')))
          expect(s.text, s.text).toMatch(/\s…$/);
        if (viewport === PHONE)
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          ).toBe(true);
        // No request of any page load went unanswered (the favicon included).
        expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('./favicon.svg');
        expect(site.missing).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });

      it('axe-core: no serious or critical violations on practice, progress and builder', async () => {
        const { seed, v } = convWithMistake();
        const { page, context } = await open(
          site,
          `#/practice/${CONV.id}/${seed}?kind=numeric`,
          viewport,
        );
        await shown(page);
        await answerWithMistake(page, v);
        await page.click('button:has-text("Show solution")');
        expect(await axeProblems(page)).toEqual([]);
        await page.goto(`${site.base}/index.html#/practice/rnn.lstm-step/p0000000001`);
        await shown(page);
        expect(await axeProblems(page)).toEqual([]);
        await page.goto(`${site.base}/index.html#/practice/cnn.layer-table/p0000000001?kind=table`);
        await page.waitForSelector('[data-testid="cell-input"]');
        expect(await axeProblems(page)).toEqual([]);
        await page.goto(`${site.base}/index.html#/progress`);
        await page.waitForSelector('[data-testid="mastery-chart"]');
        expect(await axeProblems(page)).toEqual([]);
        await page.goto(`${site.base}/index.html#/builder`);
        await page.waitForSelector('[data-testid="seed"]', { timeout: 120_000 });
        await page.click('[data-testid="preview-exam"]');
        await page.waitForSelector('[data-testid="versions-preview"]', { timeout: 120_000 });
        expect(await axeProblems(page)).toEqual([]);
        await context.close();
      });
    });
  }

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    it(`${size}: keyboard only: answer, check, next variant, coach and the progress page`, async () => {
      const v = generateVariant(CONV, 'p00000000c3', { kind: 'numeric' });
      if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
      const { page, context, errors } = await open(
        site,
        `#/practice/${CONV.id}/p00000000c3?kind=numeric`,
        viewport,
      );
      await shown(page);
      /** Presses Tab until the focused element matches, at most 40 times. */
      const tabTo = async (test: string, back = false) => {
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
          const hit = await page.evaluate((t) => {
            const el = document.activeElement as HTMLElement | null;
            return !!el && (el.dataset.testid === t || el.textContent?.trim() === t);
          }, test);
          if (hit) return;
        }
        throw new Error(`Tab never reached ${test}`);
      };
      await tabTo('numeric-input');
      await page.keyboard.type(String(v.answer.numeric.value));
      await page.keyboard.press('Enter');
      expect(await page.textContent('[data-testid="result"]')).toContain('Correct.');
      await tabTo('Show solution');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="solution"]');
      await tabTo('Next variant');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="question"]')?.getAttribute('data-seed') !==
          'p00000000c3',
      );
      await tabTo('coach-toggle', true);
      await page.keyboard.press('Space');
      expect(await page.getAttribute('[data-testid="coach-toggle"]', 'aria-pressed')).toBe('true');
      await page.waitForSelector('[data-testid="coach-reason"]');
      await tabTo('Progress', true);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="mastery-chart"]');
      await tabTo('export-progress');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(dl.suggestedFilename()).toBe('dlexam-progress.json');
      expect(errors).toEqual([]);
      await context.close();
    });
});
