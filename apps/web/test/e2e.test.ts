import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runsBrowserTests } from '@dlexam/vitest-config/browser';
import { parse as parseYaml } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { assembleExam, generateVariant, parseExamSpec, TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { questionShown, startSite, type Site } from './site.js';

/**
 * End-to-end: build the static site, serve it on 127.0.0.1, and drive Debian's Chromium through
 * practice and the exam builder. Skipped (with the reason) only where /usr/bin/chromium is absent.
 */
const CHROMIUM = '/usr/bin/chromium';
const appDir = resolve(fileURLToPath(import.meta.url), '../..');
const shots = join(appDir, 'test-results');
let site: Site;
let browser: Browser;
let base = '';
let outDir = '';

async function openPage(hash = ''): Promise<Page> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/index.html${hash}`);
  await page.waitForSelector('main');
  expect(errors).toEqual([]);
  return page;
}

describe.skipIf(!runsBrowserTests(CHROMIUM))('web app end to end (Chromium)', () => {
  beforeAll(async () => {
    site = await startSite();
    ({ browser, base, outDir } = site);
  });

  afterAll(async () => {
    await site?.close();
  });

  it('keeps first-load JavaScript within 250 KB gzip', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const entry = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeTruthy();
    const js = readFileSync(join(outDir, entry!));
    // Static imports of the entry are preloaded; exporters are split into lazy chunks.
    const preloads = [...html.matchAll(/modulepreload" [^>]*href="\.\/(assets\/[^"]+\.js)"/g)].map(
      (m) => m[1]!,
    );
    const first = [js, ...preloads.map((p) => readFileSync(join(outDir, p)))].reduce(
      (s, b) => s + gzipSync(b, { level: 9 }).length,
      0,
    );
    const all = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    console.log(
      `web: first-load JS ${(first / 1024).toFixed(1)} KB gzip; ${all.length} JS chunks in total`,
    );
    expect(first).toBeLessThan(250 * 1024);
  });

  it('practice: wrong answer names the mistake, right answer passes, solution and next variant work', async () => {
    const t = cnnTemplates.find((x) => x.id === 'cnn.conv-output-size')!;
    const seed = 'p0a1b2c3d4e';
    const v = generateVariant(t, seed, { kind: 'numeric' });
    if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
    const page = await openPage(`#/practice/${t.id}/${seed}?kind=numeric`);
    await questionShown(page);
    expect(await page.getAttribute('[data-testid="question"]', 'data-seed')).toBe(seed);
    const wrong = v.choices.find((c) => !c.correct && c.misconception)!;
    await page.fill('[data-testid="numeric-input"]', String(wrong.value));
    await page.click('button:has-text("Check")');
    const bad = await page.textContent('[data-testid="result"]');
    expect(bad).toContain('Not quite.');
    expect(bad).toContain(wrong.feedback);
    await page.fill('[data-testid="numeric-input"]', String(v.answer.numeric.value));
    await page.click('button:has-text("Check")');
    expect(await page.textContent('[data-testid="result"]')).toContain('Correct.');
    await page.click('button:has-text("Show solution")');
    expect(await page.isVisible('[data-testid="solution"] .katex')).toBe(true);
    await page.screenshot({ path: join(shots, 'practice.png'), fullPage: true });
    const before = await page.textContent('[data-testid="question"] .rich');
    await page.click('button:has-text("Next variant")');
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="question"]')?.getAttribute('data-seed') !== s,
      seed,
    );
    expect(page.url()).not.toContain(seed);
    expect(await page.textContent('[data-testid="question"] .rich')).not.toBe(before);
    const learner = await page.evaluate(() => localStorage.getItem('dlexam.learner.v1'));
    expect(JSON.parse(learner!).templates[t.id]).toMatchObject({ attempts: 2, correct: 1, run: 1 });
    expect(JSON.parse(learner!).streak).toMatchObject({ current: 1, best: 1 });
    await page.context().close();
  });

  it('a shared URL reproduces the variant exactly', async () => {
    const a = await openPage('#/practice/cnn.conv-output-size/p99999999999');
    const b = await openPage('#/practice/cnn.conv-output-size/p99999999999');
    await questionShown(a);
    await questionShown(b);
    expect(await a.innerHTML('[data-testid="question"]')).toBe(
      await b.innerHTML('[data-testid="question"]'),
    );
    const bad = await openPage('#/practice/cnn.no-such-template/p1');
    expect(await bad.textContent('[role="alert"]')).toContain(
      "unknown template 'cnn.no-such-template'",
    );
    for (const p of [a, b, bad]) await p.context().close();
  });

  it('single choice: picking a distractor shows its misconception feedback', async () => {
    const t = cnnTemplates.find((x) => x.kinds.includes('single'))!;
    const v = generateVariant(t, 'p1234567890', { kind: 'single' });
    const page = await openPage(`#/practice/${t.id}/p1234567890?kind=single`);
    await page.waitForSelector('[data-testid="choice"]');
    const wrongIndex = v.choices.findIndex((c) => !c.correct);
    await page.locator('[data-testid="choice"] input').nth(wrongIndex).check();
    await page.click('button:has-text("Check")');
    expect(await page.textContent('[data-testid="result"]')).toContain(
      v.choices[wrongIndex]!.feedback,
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, 'practice-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('builder: previews versions and downloads valid Moodle XML, QTI zip, HTML, CSV and YAML', async () => {
    const page = await openPage('#/builder');
    // The builder loads every topic chunk first.
    await page.waitForSelector('[data-testid="seed"]', { timeout: 120_000 });
    await page.fill('[data-testid="seed"]', 'e2e-seed');
    await page.fill('[data-testid="versions"]', '2');
    await page.click('[data-testid="preview-exam"]');
    await page.waitForSelector('[data-testid="versions-preview"]');
    expect(await page.locator('[data-testid="versions-preview"] details').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'builder.png'), fullPage: true });
    // Every export but exam.yaml is rendered in its own worker, off the page's thread.
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const grab = async (id: string) => {
      const [dl] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`[data-testid="${id}"]`),
      ]);
      const path = await dl.path();
      return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
    };
    const moodle = await grab('dl-moodle');
    expect(moodle.name).toMatch(/\.moodle\.xml$/);
    const quiz = new XMLParser({ ignoreAttributes: false }).parse(
      moodle.bytes.toString('utf8'),
    ).quiz;
    expect(quiz.question.length).toBeGreaterThan(2);
    const qti = unzipSync(new Uint8Array((await grab('dl-qti')).bytes));
    expect(Object.keys(qti)).toContain('imsmanifest.xml');
    const htmlZip = unzipSync(new Uint8Array((await grab('dl-html')).bytes));
    expect(Object.keys(htmlZip).some((n) => /version-A\.html$/.test(n))).toBe(true);
    const csv = (await grab('dl-csv')).bytes.toString('utf8');
    expect(csv.split('\n')[0]).toMatch(/version/i);
    const yaml = parseYaml((await grab('dl-yaml')).bytes.toString('utf8'));
    expect(yaml).toMatchObject({ seed: 'e2e-seed', versions: 2 });
    expect(strFromU8(qti['imsmanifest.xml']!)).toContain('<manifest');
    expect(workers).toHaveLength(4);
    for (const url of workers) expect(url).toMatch(/\/assets\/export-worker-[\w-]+\.js$/);
    // The select-all scoring is the exam's grading rule, written into exam.yaml.
    await page.selectOption('[data-testid="grading"]', 'all-or-nothing');
    const graded = parseYaml((await grab('dl-yaml')).bytes.toString('utf8'));
    expect(graded).toMatchObject({ seed: 'e2e-seed', grading: 'all-or-nothing' });
    await page.context().close();
  });

  it('builder: a template slot narrows its parameters; the pool, preview and exam.yaml follow', async () => {
    const page = await openPage('#/builder');
    await page.waitForSelector('[data-testid="seed"]', { timeout: 120_000 });
    await page.fill('[data-testid="seed"]', 'e2e-params');
    await page.fill('[data-testid="versions"]', '2');
    await page.selectOption('select[aria-label="Slot 1 source"]', 'template:cnn.conv-output-size');
    const section = page.locator('[data-testid="params-0"]');
    // Topic slots have no parameter section; the template slot's is closed until opened (keyboard).
    expect(await page.locator('[data-testid="params-1"]').count()).toBe(0);
    await section.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // Generated from the schema: every int/number has a labelled min/max, every enum a checkbox per value.
    const min = section.getByRole('spinbutton', { name: 's min', exact: true });
    const max = section.getByRole('spinbutton', { name: 's max', exact: true });
    expect(await min.inputValue()).toBe('1');
    expect(await max.inputValue()).toBe('4');
    expect(await section.getByRole('group', { name: /^s stride/ }).textContent()).toContain(
      'an integer from 1 to 4',
    );
    expect(await section.getByRole('checkbox', { name: /^padMode / }).count()).toBe(4);
    await expect
      .poll(() => section.locator('[data-testid="pool-0"]').textContent(), { timeout: 10_000 })
      .toMatch(/pool: (≈ |at least )?\d+ variants/);
    const fullPool = Number(
      /(\d+) variants/.exec((await section.locator('[data-testid="pool-0"]').textContent())!)![1],
    );

    await max.fill('2');
    await section.getByRole('checkbox', { name: 'padMode total', exact: true }).uncheck();
    await section.getByRole('checkbox', { name: 'padMode same', exact: true }).uncheck();
    expect(await section.locator('summary').textContent()).toContain('2 narrowed');
    // A stepped number parameter with fractional bounds becomes the list of its allowed values;
    // parameters the form does not offer (vectors) are named in a note.
    await page.selectOption(
      'select[aria-label="Slot 5 source"]',
      'template:optimization.momentum-steps',
    );
    const momentum = page.locator('[data-testid="params-4"]');
    await momentum.locator('summary').click();
    expect(await momentum.locator('.note').textContent()).toMatch(
      /Not offered here: x0 \(a list of 2–2 integers from -3 to 3\); curvature/,
    );
    await momentum.getByRole('spinbutton', { name: 'lr min', exact: true }).fill('0.1');
    await momentum.getByRole('spinbutton', { name: 'lr max', exact: true }).fill('0.2');
    await page.click('[data-testid="preview-exam"]');
    await page.waitForSelector('[data-testid="versions-preview"]');
    expect(await page.locator('[data-testid="builder-error"]').count()).toBe(0);
    await expect
      .poll(() => section.locator('[data-testid="pool-0"]').textContent(), { timeout: 10_000 })
      .toMatch(/pool: (≈ |at least )?\d+ variants/);
    const narrowPool = Number(
      /(\d+) variants/.exec((await section.locator('[data-testid="pool-0"]').textContent())!)![1],
    );
    expect(narrowPool).toBeGreaterThan(1);
    expect(narrowPool).toBeLessThan(fullPool);
    await page.screenshot({ path: join(shots, 'builder-params.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('table.slots').screenshot({ path: join(shots, 'builder-params-phone.png') });
    await page.setViewportSize({ width: 1100, height: 900 });

    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="dl-yaml"]'),
    ]);
    const spec = parseYaml(readFileSync(await dl.path(), 'utf8'));
    expect(spec.slots[0]).toMatchObject({
      template: 'cnn.conv-output-size',
      params: { s: [1, 2], padMode: { in: ['per-side', 'valid'] } },
    });
    expect(Object.keys(spec.slots[0].params)).toEqual(['s', 'padMode']);
    expect(spec.slots[1].params).toBeUndefined();
    expect(spec.slots[4]).toMatchObject({
      template: 'optimization.momentum-steps',
      params: { lr: { in: [0.1, 0.15, 0.2] } },
    });
    // The downloaded spec regenerates an exam whose questions respect the narrowing.
    const { foundationsTemplates } = await import('@dlexam/topic-foundations');
    const { rnnTemplates } = await import('@dlexam/topic-rnn');
    const { regularizationTemplates } = await import('@dlexam/topic-regularization');
    const { optimizationTemplates } = await import('@dlexam/topic-optimization');
    const registry = new TemplateRegistry([
      ...foundationsTemplates,
      ...cnnTemplates,
      ...rnnTemplates,
      ...regularizationTemplates,
      ...optimizationTemplates,
    ]);
    const exam = assembleExam(parseExamSpec(spec, registry), registry);
    for (const v of exam.versions) {
      const p = v.questions.find((q) => q.variant.templateId === 'cnn.conv-output-size')!.variant
        .params;
      expect([1, 2]).toContain(p.s);
      expect(['per-side', 'valid']).toContain(p.padMode);
      expect([0.1, 0.15, 0.2]).toContain(
        v.questions.find((q) => q.variant.templateId === 'optimization.momentum-steps')!.variant
          .params.lr,
      );
    }

    // An impossible narrowing is refused with the field, the problem and what is allowed.
    await min.fill('3');
    await max.fill('1');
    expect(await min.getAttribute('aria-invalid')).toBe('true');
    await page.click('[data-testid="preview-exam"]');
    const alert = await page.textContent('[data-testid="builder-error"]');
    expect(alert).toContain(
      'spec.slots[0].params.s: the minimum 3 is above the maximum 1; s is an integer from 1 to 4',
    );
    expect(await page.locator('[data-testid="versions-preview"]').count()).toBe(0);
    // A range past the stride's validity (any stride from 1 to 1000 may be typed in; draws use 1–4).
    await max.fill('1001');
    await page.click('[data-testid="preview-exam"]');
    expect(await page.textContent('[data-testid="builder-error"]')).toContain(
      'spec.slots[0].params.s: range [3, 1001] is outside what s allows: an integer from 1 to 1000',
    );
    await min.fill('1.5');
    await page.click('[data-testid="preview-exam"]');
    expect(await page.textContent('[data-testid="builder-error"]')).toContain(
      'spec.slots[0].params.s: enter whole numbers; s is an integer from 1 to 4',
    );
    // Unchecking every value of an enum is refused too; Reset restores the full domain.
    for (const v of ['per-side', 'valid'])
      await section.getByRole('checkbox', { name: `padMode ${v}`, exact: true }).uncheck();
    await page.click('[data-testid="preview-exam"]');
    expect(await page.textContent('[data-testid="builder-error"]')).toContain(
      'spec.slots[0].params.padMode: check at least one value',
    );
    await page.screenshot({ path: join(shots, 'builder-params-error.png'), fullPage: true });
    await section.getByRole('button', { name: 'Reset parameters' }).click();
    expect(await max.inputValue()).toBe('4');
    await page.click('[data-testid="preview-exam"]');
    await page.waitForSelector('[data-testid="versions-preview"]');
    expect(await page.locator('[data-testid="builder-error"]').count()).toBe(0);
    await page.context().close();
  });
  it('after the exam: the real Moodle sample analysed in the browser, and bad input refused', async () => {
    const sample = resolve(appDir, '../../packages/analyze/test/fixtures/moodle-analyze-1');
    const page = await openPage('#/analyze');
    await page.waitForSelector('input[data-role="exam"]');
    await page.setInputFiles('input[data-role="exam"]', join(sample, 'exam.exam.json'));
    await page.setInputFiles('input[data-role="results"]', join(sample, 'grades.csv'));
    await page.click('button:has-text("Analyze")');
    expect(await page.textContent('[role="alert"]')).toBe(
      'grades.csv line 1: this is a Moodle Grades download; pass it with --grades and give the Responses download as --results',
    );
    await page.setInputFiles('input[data-role="results"]', join(sample, 'responses.csv'));
    await page.setInputFiles('input[data-role="grades"]', join(sample, 'grades.csv'));
    await page.click('button:has-text("Analyze")');
    await page.waitForSelector('iframe.report-frame');
    expect(await page.textContent('[role="status"]')).toMatch(
      /^29 students × 6 questions;\s+α 0\.718;/,
    );
    const frame = page.frameLocator('iframe.report-frame');
    expect(await frame.locator('h1').textContent()).toBe('Analyze Fixture One: after the exam');
    expect(await frame.locator('svg.chart').count()).toBeGreaterThanOrEqual(3);
    expect(await frame.locator('code', { hasText: 'forgot-plus-one' }).count()).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("misconceptions.csv")'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[1]).toMatch(/^forgot-plus-one,5,5,/);
    await page.screenshot({ path: join(shots, 'analyze.png'), fullPage: true });
    await page.context().close();
  });
  it('your templates: a module loaded from a URL joins practice and the builder; a bad file gets one line', async () => {
    // The example package, built as its README says and served beside the site.
    const example = resolve(appDir, '../../examples/my-templates');
    const tsup = join(example, 'node_modules', 'tsup', 'dist', 'cli-default.js');
    const built = spawnSync(process.execPath, [tsup], { cwd: example, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    mkdirSync(join(outDir, 'own'), { recursive: true });
    copyFileSync(join(example, 'dist', 'index.js'), join(outDir, 'own', 'my-templates.js'));
    const page = await openPage('#/templates');
    expect(await page.textContent('[data-testid="security-note"]')).toContain(
      'Load only modules you wrote or trust',
    );
    await page.fill('[data-testid="module-url"]', `${base}/own/my-templates.js`);
    await page.click('button:has-text("Load")');
    await page.waitForSelector('[data-testid="own-modules"] a:has-text("myclass.softmax-loss")');
    expect(await page.textContent('[data-testid="own-modules"]')).toContain('myclass.warmup-lr');
    // A shared practice link reproduces the variant, after a reload too (remembered in the browser).
    const mod = (await import(pathToFileURL(join(example, 'dist', 'index.js')).href)) as {
      softmaxLoss: Parameters<typeof generateVariant>[0];
    };
    const v = generateVariant(mod.softmaxLoss, 'p0a1b2c3d4e', { kind: 'numeric' });
    if (v.answer.kind !== 'numeric') throw new Error('numeric expected');
    for (const reload of [false, true]) {
      await page.goto(`${base}/index.html#/practice/myclass.softmax-loss/p0a1b2c3d4e?kind=numeric`);
      if (reload) await page.reload();
      await page.waitForSelector('[data-testid="question"]');
      expect(await page.getAttribute('[data-testid="question"]', 'data-seed')).toBe('p0a1b2c3d4e');
      expect(await page.isVisible('[data-testid="question"] svg')).toBe(true);
      await page.fill('[data-testid="numeric-input"]', v.answer.numeric.value.toFixed(3));
      await page.click('button:has-text("Check")');
      expect(await page.textContent('[data-testid="result"]')).toContain('Correct.');
    }
    await page.goto(`${base}/index.html#/builder`);
    await page.waitForSelector('[data-testid="seed"]', { timeout: 120_000 });
    expect(
      await page.locator('option[value="template:myclass.warmup-lr"]').count(),
    ).toBeGreaterThan(0);
    await page.goto(`${base}/index.html#/templates`);
    await page.setInputFiles('[data-testid="module-file"]', {
      name: 'bad.js',
      mimeType: 'text/javascript',
      buffer: Buffer.from('export const answer = 42;\n'),
    });
    expect(await page.textContent('[data-testid="module-error"]')).toBe(
      "bad.js: exports no templates; export a list 'templates' (or a default export) of defineTemplate({...}) results",
    );
    await page.screenshot({ path: join(shots, 'own-templates.png'), fullPage: true });
    await page.context().close();
  });
});
