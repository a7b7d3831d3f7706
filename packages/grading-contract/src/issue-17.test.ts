import { describe, expect, it } from 'vitest';
import { variantsToMoodleXml } from '@dlexam/export-moodle';
import { toQtiAssessmentXml } from '@dlexam/export-qti';
import {
  checkResponse,
  generateVariant,
  numericKey,
  roundAsAsked,
  wrongValueAccepted,
  type AnyTemplate,
} from '@dlexam/generator';
import type { MultipleScoring, Variant } from '@dlexam/types';
import {
  allTemplates,
  bigDecimal,
  canvasGrade,
  checkVariants,
  examOfVariants,
  moodleGrade,
  moodleNumber,
  readMoodleQuiz,
  readQtiItems,
  type ScriptedResponse,
} from '@dlexam/grading-contract';

const byId = (id: string): AnyTemplate => {
  const t = allTemplates.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};

/** The first `n` seeds' variants of a template × kind. */
function variantsOf(id: string, kind: Variant['kind'], n: number): Variant[] {
  return Array.from({ length: n }, (_, i) => generateVariant(byId(id), `t${i}`, { kind }));
}

/** One variant through both exports, graded by Moodle's and Canvas's rules. */
function lmsScores(
  v: Variant,
  r: ScriptedResponse,
  grading: MultipleScoring = 'right-minus-wrong',
) {
  const moodle = readMoodleQuiz(
    variantsToMoodleXml([v], { mode: 'plain', multipleGrading: grading }),
  );
  const items = readQtiItems(toQtiAssessmentXml(examOfVariants([v], grading), { mode: 'plain' }));
  const q = moodle.get(`${v.templateId}@${v.seed}`);
  if (!q || !items[0]) throw new Error('export lost the question');
  return { moodle: moodleGrade(q, r), canvas: r.moodleOnly ? null : canvasGrade(items[0], r) };
}

const numeric = (value: string): ScriptedResponse => ({ kind: 'numeric', value, label: value });

describe('issue 17: the grade the LMS gives is the grade the key promises', () => {
  it('item 1: ticking every box never scores 100 % (Moodle, Canvas and the model)', () => {
    const multiples = allTemplates.filter((t) => t.kinds.includes('multiple'));
    expect(multiples.length).toBeGreaterThanOrEqual(20);
    for (const t of multiples) {
      for (const v of variantsOf(t.id, 'multiple', 5)) {
        const all = v.choices.map((_, i) => i);
        if (v.answer.kind !== 'multiple' || v.answer.correct.length === all.length) continue;
        const r: ScriptedResponse = { kind: 'multiple', choices: all, label: 'select all' };
        const { moodle, canvas } = lmsScores(v, r);
        const model = checkResponse(v, { kind: 'multiple', choices: all }).score;
        expect(model, `${v.templateId}@${v.seed}`).toBeLessThan(1);
        expect(moodle.score).toBeCloseTo(model, 5);
        expect(canvas).toBeCloseTo(model, 5);
      }
    }
  });

  it('item 2: a modelled mistake rounded as asked is never inside the accepted interval', () => {
    // foundations.metrics seed 2a97f4e69613: F1 = 0.632 ± 0.001, the arithmetic-mean mistake 0.6333.
    const v = generateVariant(byId('foundations.metrics'), '2a97f4e69613', { kind: 'numeric' });
    expect(v.answer.kind === 'numeric' && v.answer.numeric).toMatchObject({ value: 0.632 });
    expect(v.choices.some((c) => c.value !== undefined && Math.abs(c.value - 0.6333) < 1e-4)).toBe(
      false,
    );
    // Over many variants of every numeric template: no kept distractor rounds into the key.
    for (const t of allTemplates.filter((x) => x.kinds.includes('numeric')))
      for (const w of variantsOf(t.id, 'numeric', 40)) {
        if (w.answer.kind !== 'numeric') continue;
        const a = w.answer.numeric;
        for (const c of w.choices)
          if (!c.correct && c.value !== undefined)
            expect(wrongValueAccepted(a, c.value), `${w.templateId}@${w.seed} ${c.value}`).toBe(
              false,
            );
      }
  });

  it('item 3: tolerance edges are exact decimals that the model and both LMSs agree on', () => {
    // foundations.partial-derivatives seed da7f916b4f1a: 47.32 ± 0.01 — 47.31 is right everywhere.
    const v = generateVariant(byId('foundations.partial-derivatives'), 'da7f916b4f1a', {
      kind: 'numeric',
    });
    for (const [typed, right] of [
      ['47.31', 1],
      ['47.33', 1],
      ['47.30', 0],
      ['47.34', 0],
    ] as const) {
      const { moodle, canvas } = lmsScores(v, numeric(typed));
      expect([
        checkResponse(v, { kind: 'numeric', value: typed }).score,
        moodle.score,
        canvas,
      ]).toEqual([right, right, right]);
    }
    const qti = toQtiAssessmentXml(examOfVariants([v], 'right-minus-wrong'), { mode: 'plain' });
    expect(qti).toContain('<vargte respident="response1">47.31</vargte>');
    expect(qti).not.toMatch(/9999999|0000000001/);
  });

  it('item 4: Moodle shows the mistake’s own feedback; bands never overlap', () => {
    // cnn.conv-vs-dense@61b1c3668cd1: 2688 got the megapixel feedback (first of overlapping ±10⁶).
    const v = generateVariant(byId('cnn.conv-vs-dense'), '61b1c3668cd1', { kind: 'numeric' });
    const mistake = v.choices.find((c) => c.misconception === 'conv-count-for-dense');
    expect(mistake?.value).toBe(2688);
    if (v.answer.kind !== 'numeric') throw new Error('not numeric');
    const { moodle } = lmsScores(v, numeric('2688'));
    expect(moodle).toEqual({ score: 0, matched: roundAsAsked(v.answer.numeric, 2688) });
    expect(checkResponse(v, { kind: 'numeric', value: '2688' }).misconception).toBe(
      'conv-count-for-dense',
    );
    // rnn.gradient-product@c65e2ef4260e: wrong values carried the key's tolerance of 10³¹.
    const g = generateVariant(byId('rnn.gradient-product'), 'c65e2ef4260e', { kind: 'numeric' });
    if (g.answer.kind !== 'numeric') throw new Error('not numeric');
    const xml = variantsToMoodleXml([g], { mode: 'plain' });
    const tolerances = [...xml.matchAll(/<tolerance>([^<]*)<\/tolerance>/g)].map((m) => m[1]);
    expect(tolerances[0]).toBe(numericKey(g.answer.numeric).tolerance);
    // Each wrong value's band is half a unit of its own rounding: 255.75 → 256 ± 0.5.
    expect(tolerances.length).toBeGreaterThan(1);
    for (const t of tolerances.slice(1)) expect(Number(t)).toBeLessThan(Number(tolerances[0]));
    expect(tolerances).toContain('0.5');
  });

  it('item 5: a table is marked out of the slot’s points and no blank’s size hints at its answer', () => {
    const t = allTemplates.find((x) => x.kinds.includes('table') && x.id.startsWith('cnn.'));
    if (!t) throw new Error('no CNN table template');
    const v = generateVariant(t, 't0', { kind: 'table' });
    if (v.answer.kind !== 'table') throw new Error('not a table');
    const blanks = v.answer.rows.flat().filter((c) => c.type !== 'text').length;
    const xml = variantsToMoodleXml([{ ...v, points: 2 * blanks }]);
    const weights = [...xml.matchAll(/\{(\d+):(NUMERICAL|MULTICHOICE):/g)].map((m) => Number(m[1]));
    expect(weights).toHaveLength(blanks);
    expect(weights.reduce((s, w) => s + w, 0)).toBe(2 * blanks);
    // Every numeric blank carries a 0 % alternative as wide as the table's longest answer.
    const numericParts = [...xml.matchAll(/\{\d+:NUMERICAL:([^}]*)\}/g)].map((m) => m[1] as string);
    for (const part of numericParts) expect(part).toMatch(/~%0%-9+:0$/);
    const widths = numericParts.map((p) =>
      Math.max(...p.split('~').map((a) => a.replace(/^[=%0-9]*%?/, '').split(':')[0]!.length)),
    );
    expect(new Set(widths).size).toBeLessThanOrEqual(1);
  });

  it('item 6: the exam seed is in no LMS file', () => {
    const v = variantsOf('cnn.conv-output-size', 'numeric', 2);
    const exam = { ...examOfVariants(v, 'right-minus-wrong'), seed: 'top-secret-seed' };
    expect(variantsToMoodleXml(v)).not.toContain('top-secret-seed');
    expect(toQtiAssessmentXml(exam)).not.toContain('top-secret-seed');
  });

  it('item 7: no header bracket can become a Canvas blank; plain text where Classic keeps text', () => {
    const tables = allTemplates.filter((t) => t.kinds.includes('table'));
    let bracketed = 0;
    for (const t of tables)
      for (const v of variantsOf(t.id, 'table', 5)) {
        if (v.answer.kind !== 'table') continue;
        if (v.answer.header.some((h) => h.includes('['))) bracketed++;
        const qti = toQtiAssessmentXml(examOfVariants([v], 'right-minus-wrong'), { mode: 'plain' });
        const html = /<mattext texttype="text\/html">([^<]*)<\/mattext>/.exec(qti)?.[1] ?? '';
        const blanks = [...html.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]);
        expect(
          blanks.every((b) => /^r\d+c\d+$/.test(b as string)),
          `${v.templateId}: ${blanks}`,
        ).toBe(true);
      }
    expect(bracketed).toBeGreaterThan(0); // h_t[1], P[i,1]… exist, and none stayed a bracket
    const edge = generateVariant(byId('cnn.edge-detection'), 't0', { kind: 'matching' });
    const qti = toQtiAssessmentXml(examOfVariants([edge], 'right-minus-wrong'), { mode: 'plain' });
    // Matching prompts are plain text: no escaped HTML for Classic to show literally.
    const prompts = [
      ...qti.matchAll(
        /<response_lid ident="response_\d+"><material><mattext texttype="([^"]*)">([^<]*)</g,
      ),
    ];
    expect(prompts.length).toBeGreaterThan(1);
    for (const [, type, text] of prompts) {
      expect(type).toBe('text/plain');
      expect(text).not.toMatch(/&amp;(amp|lt|gt|quot);/);
    }
  });

  it('all-or-nothing grading is refused by both LMS exports, with the reason', () => {
    const [v] = variantsOf('cnn.concepts', 'multiple', 1);
    if (!v) throw new Error('no variant');
    expect(() => variantsToMoodleXml([v], { multipleGrading: 'all-or-nothing' })).toThrow(
      /Moodle's multiple-answer question always gives partial credit/,
    );
    expect(() => toQtiAssessmentXml(examOfVariants([v], 'all-or-nothing'))).toThrow(
      /Canvas scores multiple-answer questions right minus wrong/,
    );
    // The model (web app, answer key) grades it: only exactly the right set scores.
    if (v.answer.kind !== 'multiple') throw new Error('not multiple');
    const aon = { multiple: 'all-or-nothing' } as const;
    expect(checkResponse(v, { kind: 'multiple', choices: v.answer.correct }, aon).score).toBe(1);
    expect(checkResponse(v, { kind: 'multiple', choices: [] }, aon).score).toBe(0);
  });
});

describe('the contract fails when a file is broken on purpose', () => {
  const multiple = variantsOf('cnn.concepts', 'multiple', 20);
  const numericVariants = variantsOf('foundations.partial-derivatives', 'numeric', 20);
  const tables = variantsOf('cnn.layer-table', 'table', 10);

  it('is clean untampered', () => {
    for (const vs of [multiple, numericVariants, tables])
      expect(checkVariants(vs).disagreements).toEqual([]);
  });

  it('a wrong option’s Moodle fraction set to 0 (the old default) is caught', () => {
    const r = checkVariants(multiple, 'right-minus-wrong', {
      moodle: (xml) => xml.replace(/fraction="-(\d[\d.]*)"/, 'fraction="0"'),
    });
    expect(r.disagreements.length).toBeGreaterThan(0);
    expect(r.disagreements[0]?.response).toMatch(/select all|right plus wrong|only wrong/);
  });

  it('a Canvas bound moved by one unit is caught at the tolerance edge', () => {
    const r = checkVariants(numericVariants, 'right-minus-wrong', {
      qti: (xml) =>
        xml.replace(/<varlte respident="response1">(-?\d+)\.(\d+)<\/varlte>/, (_, i, f) => {
          const n = BigInt(`${i}${f}`) - 1n;
          const s = (n < 0n ? -n : n).toString().padStart(f.length + 1, '0');
          return `<varlte respident="response1">${n < 0n ? '-' : ''}${s.slice(0, -f.length)}.${s.slice(-f.length)}</varlte>`;
        }),
    });
    expect(r.disagreements.some((d) => /upper edge/.test(d.response))).toBe(true);
  });

  it('a Moodle key tolerance narrowed is caught', () => {
    const r = checkVariants(numericVariants, 'right-minus-wrong', {
      moodle: (xml) => xml.replace(/<tolerance>0\.01<\/tolerance>/, '<tolerance>0.005</tolerance>'),
    });
    expect(r.disagreements.some((d) => /edge/.test(d.response))).toBe(true);
  });

  it('a Cloze weight changed is caught', () => {
    const r = checkVariants(tables, 'right-minus-wrong', {
      moodle: (xml) => xml.replace(/\{(\d+):NUMERICAL:/, (_, w) => `{${Number(w) + 1}:NUMERICAL:`),
    });
    expect(r.disagreements.some((d) => /blank \d+ wrong/.test(d.response))).toBe(true);
  });
});

describe('the LMS number readers', () => {
  it('Moodle reads e and ×10^ exponents and thousands commas', () => {
    expect(moodleNumber('4.07e17')).toBe(4.07e17);
    expect(moodleNumber('4.07×10^17')).toBe(4.07e17);
    expect(moodleNumber('4.07x10^-3')).toBe(0.00407);
    expect(moodleNumber('1,000.5')).toBe(1000.5);
    expect(moodleNumber('abc')).toBeNull();
  });
  it('Canvas BigDecimal reads decimals and e notation exactly', () => {
    expect(bigDecimal('6.32e-1')).toBe('0.632');
    expect(bigDecimal('-47.310')).toBe('-47.31');
    expect(bigDecimal('4.07e17')).toBe('407000000000000000');
    expect(bigDecimal('.5')).toBe('0.5');
    expect(bigDecimal('4.07×10^17')).toBeNull();
  });
});
