import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runsBrowserTests } from '@dlexam/vitest-config/browser';
import type { Exam, ExamQuestion } from '@dlexam/types';
import { sampleExam, sampleVariants } from '@dlexam/types/testing';
import {
  HtmlExportError,
  renderAnswerKey,
  renderSolutions,
  renderStudentCopy,
} from '@dlexam/export-html';
import {
  CHROMIUM_LAUNCH_ARGS,
  findChromium,
  htmlToPdf,
  openPdfPrinter,
  type PdfPrinter,
} from '@dlexam/export-html/pdf';
import { assembleExam, generateVariant, TemplateRegistry } from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';

// Skipped only where Chromium is not installed, and never under CI=true (CI installs it).
const hasChromium = runsBrowserTests(CHROMIUM);

/** Page box and margins in PDF points, as the print CSS sets them (A4 18 mm × 17 mm, Letter 0.7 in). */
const PAGE = {
  a4: { width: 595, height: 842, top: 51, side: 48 },
  letter: { width: 612, height: 792, top: 50.4, side: 50.4 },
} as const;

/** An exam long enough to need many page breaks: every sample kind three times per version. */
function longExam(): Exam {
  const exam = sampleExam();
  for (const version of exam.versions) {
    const questions: ExamQuestion[] = [];
    for (let round = 0; round < 3; round++) {
      for (const variant of sampleVariants(`-${version.code.toLowerCase()}${round}`)) {
        questions.push({
          slot: questions.length,
          slotName: variant.title,
          number: questions.length + 1,
          points: variant.points,
          variant,
        });
      }
    }
    version.questions = questions;
  }
  return exam;
}

describe.skipIf(!hasChromium)(
  `PDF printing with ${CHROMIUM} (skipped only when ${CHROMIUM} is not installed)`,
  () => {
    let printer: PdfPrinter;
    let dir: string;
    beforeAll(async () => {
      printer = await openPdfPrinter({ chromiumPath: CHROMIUM });
      dir = mkdtempSync(join(tmpdir(), 'export-html-pdf-test-'));
    });
    afterAll(async () => {
      await printer?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    let n = 0;
    async function print(html: string, paper: 'a4' | 'letter' = 'a4') {
      const bytes = await printer.print(html, { paper });
      const file = join(dir, `doc-${++n}.pdf`);
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
      const text = (page: number, crop: boolean) => {
        const p = PAGE[paper];
        const box = crop
          ? [
              '-x',
              String(Math.floor(p.side - 1)),
              '-y',
              String(Math.floor(p.top - 1)),
              '-W',
              String(Math.ceil(p.width - 2 * p.side + 2)),
              '-H',
              String(Math.ceil(p.height - 2 * p.top + 2)),
            ]
          : [];
        return execFileSync(
          'pdftotext',
          ['-layout', '-f', String(page), '-l', String(page), ...box, file, '-'],
          { encoding: 'utf8' },
        );
      };
      const bodies = Array.from({ length: pages }, (_, i) => text(i + 1, true));
      const full = Array.from({ length: pages }, (_, i) => text(i + 1, false));
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      return { bytes, pages, width: Number(size[1]), height: Number(size[2]), bodies, full, fonts };
    }

    const firstLine = (text: string) =>
      text
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l !== '') ?? '';

    /**
     * No question is split: every question is one `break-inside: avoid` block that starts with its
     * heading and ends in visible text (an answer line, an option, a table row; a broken table repeats
     * its header row), so if Chromium had split one, the next page's content area would start with the
     * continuation. Hence: each page's content area (margins cropped off) must start with a block
     * heading, and every heading must appear exactly once, in order.
     */
    function expectNoSplit(bodies: string[], heading: RegExp, expected: string[], firstPages = 1) {
      bodies.forEach((body, i) => {
        if (i < firstPages) return;
        expect(firstLine(body), `page ${i + 1} starts mid-question`).toMatch(heading);
      });
      const seen = bodies.flatMap((b) =>
        b
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => heading.test(l))
          .map((l) => heading.exec(l)![0]),
      );
      expect(seen.filter((h) => !h.startsWith('Version'))).toEqual(expected);
    }

    it.each(['a4', 'letter'] as const)(
      'prints the student copy on %s: cover alone, no question split, version and page on every page',
      async (paper) => {
        const exam = longExam();
        const { pages, width, height, bodies, full, fonts } = await print(
          renderStudentCopy(exam, 'B', { paper }),
          paper,
        );
        // The KaTeX fonts came from the files beside the HTML (remote requests are refused) and are embedded.
        expect(fonts).toMatch(/KaTeX_Main-Regular/);
        expect(fonts).toMatch(/KaTeX_Math-Italic/);
        expect([Math.round(width), Math.round(height)]).toEqual(
          paper === 'a4' ? [595, 842] : [612, 792],
        );
        // 24 questions: the cover, then at least ~3 per page, and never more pages than questions + 1.
        expect(pages).toBeGreaterThanOrEqual(4);
        expect(pages).toBeLessThanOrEqual(exam.versions[1]!.questions.length + 1);
        expect(bodies[0]).toContain('Student ID');
        expect(bodies[0]).not.toMatch(/Question \d+ {2,}\d+ points/);
        expectNoSplit(
          bodies,
          /^Question \d+/,
          Array.from({ length: 24 }, (_, i) => `Question ${i + 1}`),
        );
        full.forEach((page, i) => {
          expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages}`);
          expect(page.match(/Version B/g)?.length ?? 0, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
        });
      },
    );

    it('prints the answer key of all versions without splitting an entry', async () => {
      const exam = longExam();
      const { pages, bodies, full } = await print(renderAnswerKey(exam));
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(8);
      expectNoSplit(bodies, /^(Version [A-Z]+|Q\d+)\b/, [
        ...Array.from({ length: 24 }, (_, i) => `Q${i + 1}`),
        ...Array.from({ length: 24 }, (_, i) => `Q${i + 1}`),
      ]);
      full.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages}`));
    });

    it('prints the solutions booklet without splitting a question, each version from a new page', async () => {
      const exam = sampleExam();
      const { pages, bodies } = await print(renderSolutions(exam));
      expect(pages).toBeGreaterThanOrEqual(4);
      expect(pages).toBeLessThanOrEqual(16);
      const numbers = Array.from({ length: 8 }, (_, i) => `Question ${i + 1}`);
      expectNoSplit(bodies, /^(Version [A-Z]+|Question \d+)\b/, [...numbers, ...numbers]);
      const versionB = bodies.findIndex((b) => firstLine(b) === 'Version B');
      expect(versionB).toBeGreaterThan(0);
    });

    it('the split check detects split questions when the print CSS lets them break', async () => {
      const html = renderStudentCopy(longExam(), 'A').replace(
        '.question { break-inside: avoid; page-break-inside: avoid;',
        '.question {',
      );
      const { bodies } = await print(html);
      const midQuestion = bodies.slice(1).filter((b) => !/^Question \d+/.test(firstLine(b)));
      expect(midQuestion.length).toBeGreaterThan(0);
    });

    it('flows the solutions booklet of a real 3 × 10 exam, two or more questions a page, none split (issue 18)', async () => {
      const registry = new TemplateRegistry(cnnTemplates);
      const slots = cnnTemplates.slice(0, 10).map((t) => ({ template: t.id, points: 2 }));
      const exam = assembleExam({ title: 'CNN', seed: 'flow', versions: 3, slots }, registry);
      const { pages, bodies } = await print(renderSolutions(exam));
      // One question per page was 28 pages; flowing them takes about half.
      expect(pages).toBeLessThanOrEqual(20);
      const numbers = Array.from({ length: 10 }, (_, i) => `Question ${i + 1}`);
      expectNoSplit(bodies, /^(Version [A-Z]+|Question \d+)\b/, [
        ...numbers,
        ...numbers,
        ...numbers,
      ]);
    });

    it('prints a pooling table question with its grid once and a work box (issue 18)', async () => {
      const pooling = cnnTemplates.find((t) => t.id === 'cnn.pooling')!;
      const variant = generateVariant(pooling, 'print', { kind: 'table' });
      const exam = sampleExam();
      exam.versions = [
        {
          code: 'A',
          index: 0,
          questions: [{ slot: 0, slotName: 'Pooling', number: 1, points: 2, variant }],
        },
      ];
      exam.slots = [exam.slots[0]!];
      const { bodies } = await print(renderStudentCopy(exam, 'A'));
      const text = bodies.slice(1).join('\n');
      expect(text).toContain('Work');
      // The input matrix is in the stem only (no figure repeats it), the output grid is the table.
      expect(variant.figure).toBeUndefined();
      expect(text.match(/column 1/g)).toHaveLength(1);
    });

    it('prints every grid table question (pooling, convolution, edge detection) with its grids once, unsplit (issue 18)', async () => {
      const ids = ['cnn.pooling', 'cnn.conv-arithmetic', 'cnn.edge-detection'];
      const exam = sampleExam();
      const questions = ids.flatMap((id, i) =>
        ['a', 'b'].map((s, j) => {
          const t = cnnTemplates.find((x) => x.id === id)!;
          const variant = generateVariant(t, `grid-${s}`, { kind: 'table' });
          const number = 2 * i + j + 1;
          return { slot: i, slotName: t.title, number, points: 2, variant };
        }),
      );
      exam.versions = [{ code: 'A', index: 0, questions }];
      const { pages, bodies } = await print(renderStudentCopy(exam, 'A'));
      // Six grid questions: a cover and at most one page each, most pages holding two.
      expect(pages).toBeLessThanOrEqual(6);
      expectNoSplit(
        bodies,
        /^Question \d+/,
        questions.map((q) => `Question ${q.number}`),
      );
      const text = bodies.slice(1).join('\n');
      // One answer grid per question, and no figure repeating the input and an empty output grid.
      for (const q of questions) expect(q.variant.figure, q.variant.templateId).toBeUndefined();
      expect(text.match(/column 1/g)).toHaveLength(questions.length);
      expect(text.match(/Work/g)?.length).toBeGreaterThanOrEqual(questions.length);
    });

    /** An answer key of one table question: an LSTM-like table of 3 steps × `cols` cells "−0.186 ± 0.001". */
    function wideKey(cols: number): Exam {
      const exam = sampleExam();
      const base = sampleVariants('-wide').find((v) => v.answer.kind === 'table')!;
      const cell = {
        type: 'numeric' as const,
        answer: { value: -0.186, decimals: 3, tolerance: 0.001 },
      };
      const variant = {
        ...base,
        answer: {
          kind: 'table' as const,
          header: ['t', ...Array.from({ length: cols }, (_, j) => `h${j + 1}`)],
          rows: [1, 2, 3].map((t) => [
            { type: 'text' as const, text: String(t), plain: String(t) },
            ...Array.from({ length: cols }, () => cell),
          ]),
        },
      };
      exam.versions = [
        {
          code: 'A',
          index: 0,
          questions: [{ slot: 0, slotName: 'Table', number: 1, points: 2, variant }],
        },
      ];
      exam.slots = [exam.slots[0]!];
      return exam;
    }
    /** Lines of the printed key where a value and its tolerance were split at the ±. */
    const splitAtPlusMinus = (bodies: string[]) =>
      bodies
        .join('\n')
        .split('\n')
        .filter((l) => /±\s*$|^\s*±|^\s*0\.001/.test(l.trim()) || /±\s*$/.test(l));

    it('keeps "−0.186 ± 0.001" on one line in narrow answer-key table cells (issue 18)', async () => {
      const { bodies } = await print(renderAnswerKey(wideKey(8)));
      expect(splitAtPlusMinus(bodies)).toEqual([]);
      const whole = bodies.join('\n').match(/0\.186 ± 0\.001/g) ?? [];
      expect(whole.length).toBe(3 * 8);
      // The check sees the split when the cells may wrap.
      const loose = await print(
        renderAnswerKey(wideKey(8)).replace(
          'font-weight: bold; white-space: nowrap;',
          'font-weight: bold;',
        ),
      );
      expect(splitAtPlusMinus(loose.bodies).length).toBeGreaterThan(0);
    });

    it('htmlToPdf prints one document on its own', async () => {
      const bytes = await htmlToPdf(renderStudentCopy(sampleExam(), 'A'), {
        chromiumPath: CHROMIUM,
      });
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    });
  },
);

describe('finding Chromium', () => {
  it('names the missing path and how to get a browser', async () => {
    expect(() => findChromium('/nonexistent/chromium')).toThrow(
      new HtmlExportError('no Chromium at /nonexistent/chromium'),
    );
    await expect(
      htmlToPdf('<!DOCTYPE html><title>x</title>', { chromiumPath: '/nonexistent/chromium' }),
    ).rejects.toThrow(HtmlExportError);
  });
  it.skipIf(!hasChromium)('finds the Debian Chromium by default', () => {
    expect(findChromium()).toBe(CHROMIUM);
  });
});

describe.skipIf(!hasChromium)('the Chromium switches (CHROMIUM_LAUNCH_ARGS)', () => {
  it('start no toolbar page beside the document, and keep every feature Playwright disables', async () => {
    const { chromium } = await import('playwright-core');
    const server = await chromium.launchServer({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_LAUNCH_ARGS],
    });
    try {
      const browser = await chromium.connect(server.wsEndpoint());
      const page = await browser.newPage();
      await page.setContent('<p>x</p>');
      const cdp = await browser.newBrowserCDPSession();
      // Without the switches Chromium 156 lists chrome://omnibox-popup.top-chrome/ here twice.
      const { targetInfos } = await cdp.send('Target.getTargets');
      expect(targetInfos.map((t) => `${t.type} ${t.url}`)).toEqual([`page ${page.url()}`]);
      // Chromium reads the last --disable-features only: ours must hold all of Playwright's.
      const argv = readFileSync(`/proc/${server.process().pid}/cmdline`, 'utf8').split('\0');
      const lists = argv
        .filter((a) => a.startsWith('--disable-features='))
        .map((a) => a.slice('--disable-features='.length).split(','));
      expect(lists.length).toBe(2);
      const [playwrights, ours] = lists as [string[], string[]];
      expect(ours).toEqual(expect.arrayContaining(playwrights));
      expect(ours).toContain('WebUIOmniboxPopup');
    } finally {
      await server.close();
    }
  });
});
