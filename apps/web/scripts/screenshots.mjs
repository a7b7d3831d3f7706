#!/usr/bin/env node
/**
 * The README's screenshots (`apps/web/docs/*.png`), made with Debian's Chromium (`/usr/bin/chromium`,
 * driven by playwright-core) against a fresh production build served on 127.0.0.1:
 *
 * - `coach.png` (1100×900): a convolution question answered with the kernel-size-as-stride mistake,
 *   then "Coach me": the coach's one-line reason above a question offering that trap;
 * - `progress.png` (1100×900, full page): the progress page after twelve answered questions over
 *   four topics, some with modelled mistakes;
 * - `phone.png` and `phone-table.png` (390×844, full page): the LSTM cell's equations and the CNN
 *   layer table with its figure, scrolling sideways inside their boxes.
 *
 * Every question is reproducible (fixed seeds, answers computed by the generator). Run it from
 * anywhere after `pnpm build`: `pnpm --filter @dlexam/web screenshots`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateVariant, numericKey } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { foundationsTemplates } from '@dlexam/topic-foundations';
import { optimizationTemplates } from '@dlexam/topic-optimization';
import { rnnTemplates } from '@dlexam/topic-rnn';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const CHROMIUM = '/usr/bin/chromium';
const appDir = resolve(fileURLToPath(import.meta.url), '../..');
const docs = join(appDir, 'docs');
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 390, height: 844 };
const templates = new Map(
  [...foundationsTemplates, ...cnnTemplates, ...rnnTemplates, ...optimizationTemplates].map((t) => [
    t.id,
    t,
  ]),
);

if (!existsSync(CHROMIUM)) {
  console.error(`screenshots: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(2);
}

const outDir = mkdtempSync(join(tmpdir(), 'dlexam-shots-'));
process.env.NODE_ENV = 'production';
await build({ root: appDir, logLevel: 'error', build: { outDir, emptyOutDir: true } });

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const server = createServer((req, res) => {
  const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
  const path = join(outDir, url === '/' ? 'index.html' : url);
  if (!path.startsWith(outDir) || !existsSync(path) || statSync(path).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res
    .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
    .end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/index.html`;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
});

/** Opens a question and waits for it, its math typeset and its fonts. */
async function show(page, hash) {
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('[data-testid="question"]');
  await page.waitForFunction(() => performance.getEntriesByName('dlexam:math-typeset').length > 0);
  await page.waitForFunction(() => !document.querySelector('[data-testid="question"] .math-plain'));
  await page.evaluate(() => document.fonts.ready);
}

/** The variant on screen, regenerated here from its template, seed and kind. */
async function onScreen(page) {
  const q = page.locator('[data-testid="question"]');
  const id = await q.getAttribute('data-template');
  return generateVariant(templates.get(id), await q.getAttribute('data-seed'), {
    kind: await q.getAttribute('data-kind'),
  });
}

/** Answers the question on screen: right, or with the wrong option of `misconception`. */
async function answer(page, v, misconception) {
  const wrong = misconception && v.choices.find((c) => c.misconception === misconception);
  if (misconception && !wrong) throw new Error(`${v.templateId}: no option ${misconception}`);
  if (v.answer.kind === 'numeric')
    await page.fill(
      '[data-testid="numeric-input"]',
      wrong ? String(wrong.value) : numericKey(v.answer.numeric).value,
    );
  else if (v.answer.kind === 'single')
    await page
      .locator('[data-testid="choice"] input')
      .nth(wrong ? v.choices.indexOf(wrong) : v.answer.correct)
      .check();
  else throw new Error(`${v.templateId}: ${v.answer.kind} is not scripted`);
  await page.click('button:has-text("Check")');
  await page.waitForSelector('[data-testid="result"]');
}

/** The first practice seed from `start` whose variant of the kind offers the misconception. */
function seedOffering(id, kind, misconception, start = 0xc0de00) {
  for (let i = start; ; i++) {
    const seed = `p${i.toString(16).padStart(10, '0')}`;
    const v = generateVariant(templates.get(id), seed, { kind });
    if (v.choices.some((c) => !c.correct && c.misconception === misconception)) return seed;
  }
}

const shots = [];
async function shoot(page, name, fullPage) {
  const path = join(docs, name);
  await page.screenshot({ path, fullPage });
  shots.push(path);
}

try {
  // The coach after a mistake.
  {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const id = 'cnn.conv-output-size';
    const seed = seedOffering(id, 'numeric', 'kernel-as-stride');
    await show(page, `#/practice/${id}/${seed}?kind=numeric`);
    await answer(page, await onScreen(page), 'kernel-as-stride');
    await page.click('[data-testid="coach-toggle"]');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="question"]')?.getAttribute('data-seed') !== s,
      seed,
    );
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="coach-reason"]')?.textContent?.startsWith('Last time'),
    );
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="question"] .math-plain'),
    );
    await shoot(page, 'coach.png', false);
    await context.close();
  }

  // The progress page after twelve answers over four topics.
  {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const plan = [
      ['cnn.conv-output-size', 'numeric', 'kernel-as-stride'],
      ['cnn.conv-output-size', 'numeric', 'kernel-as-stride'],
      ['cnn.conv-output-size', 'numeric', null],
      ['cnn.conv-params', 'numeric', null],
      ['cnn.conv-params', 'numeric', null],
      ['foundations.softmax-ce', 'numeric', null],
      ['foundations.softmax-ce', 'numeric', null],
      ['rnn.lstm-step', 'numeric', null],
      ['rnn.lstm-step', 'numeric', null],
      ['optimization.momentum-steps', 'numeric', null],
      ['optimization.momentum-steps', 'numeric', null],
      ['cnn.conv-output-size', 'numeric', null],
    ];
    let i = 0;
    for (const [id, kind, mistake] of plan) {
      const seed = mistake
        ? seedOffering(id, kind, mistake, 0xabc000 + i * 64)
        : `p${(0x5c0000 + i).toString(16).padStart(10, '0')}`;
      i++;
      await show(page, `#/practice/${id}/${seed}?kind=${kind}`);
      await answer(page, await onScreen(page), mistake);
    }
    await page.click('nav >> text=Progress');
    await page.waitForSelector('[data-testid="mastery-chart"]');
    await shoot(page, 'progress.png', true);
    await context.close();
  }

  // The phone layout: wide equations and a wide table with its figure.
  {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await show(page, '#/practice/rnn.lstm-step/p0000000001');
    await shoot(page, 'phone.png', true);
    await show(page, '#/practice/cnn.layer-table/p0000000001?kind=table');
    await shoot(page, 'phone-table.png', true);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(outDir, { recursive: true, force: true });
}
for (const p of shots) console.log(`screenshots: wrote ${p}`);
