import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import {
  DlexamError,
  answerKey,
  checkValue,
  gateProblem,
  generateFixture,
  generateVariant,
  templateJsonSchema,
  type ParamSpec,
} from '@dlexam/generator';
import { mathOf, type Exam, type ExamQuestion, type Variant } from '@dlexam/types';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { registry, renderFormats } from 'dlexam';

/**
 * Checks over the whole catalog, the way the CLI and web app see it: every seed row is reproduced,
 * pins behave (issue 11), and every formula of every kind renders in KaTeX with errors on.
 */
const templates = registry.list();
const SEEDS = resolve(fileURLToPath(import.meta.url), '../../../../../shared/SEED-EXERCISES.md');

function texOf(v: Variant): { tex: string; display: boolean }[] {
  const texts = [v.stem, v.solution, ...v.choices.map((c) => c.text)];
  if (v.answer.kind === 'matching')
    texts.push(
      ...v.answer.pairs.flatMap((p) => [p.prompt, p.answer]),
      ...v.answer.distractors.map((d) => d.text),
    );
  if (v.answer.kind === 'table')
    for (const row of v.answer.rows)
      for (const c of row) {
        if (c.type === 'text') texts.push(c.text);
        if (c.type === 'choice') texts.push(...c.options.map((o) => o.text));
      }
  return texts.flatMap(mathOf);
}

describe('the seed exercises', () => {
  it.skipIf(!existsSync(SEEDS))(
    'every computational row of SEED-EXERCISES.md is a fixture of some template',
    () => {
      const rows = [...readFileSync(SEEDS, 'utf8').matchAll(/^\| (S\d{3}-[a-z0-9-]+) \|/gm)].map(
        (m) => m[1]!,
      );
      expect(rows.length).toBeGreaterThanOrEqual(36);
      const fixtures = new Set(templates.flatMap((t) => (t.fixtures ?? []).map((f) => f.id)));
      expect(rows.filter((r) => !fixtures.has(r))).toEqual([]);
    },
  );

  it("every seed's multiple-choice question has a fixture", () => {
    const fixtures = templates.flatMap((t) => (t.fixtures ?? []).map((f) => f.id));
    const mc = fixtures.filter((f) => /^S00\d-mc-/.test(f));
    // 000: 5, 001: 1, 002: 8, 003: 6 questions in the seeds' multiple-choice sections.
    for (const seed of ['S000', 'S001', 'S002', 'S003'])
      expect(mc.some((f) => f.startsWith(seed))).toBe(true);
    expect(mc.length).toBeGreaterThanOrEqual(20);
  });
});

describe('every template in every exporter', () => {
  /** One exam holding every template in every kind it supports, 3 seeds each. */
  function everythingExam(): Exam {
    const questions: ExamQuestion[] = [];
    for (const t of templates)
      for (const kind of t.kinds)
        for (let i = 0; i < 3; i++) {
          const variant = generateVariant(t, `export-${i}`, { kind });
          questions.push({
            slot: questions.length,
            slotName: t.title,
            number: questions.length + 1,
            points: 1,
            variant,
          });
        }
    return {
      schemaVersion: 1,
      title: 'Everything',
      seed: 'everything',
      slug: 'everything',
      slots: questions.map((q) => ({
        index: q.slot,
        name: q.slotName,
        templateIds: [q.variant.templateId],
        count: 1,
        points: 1,
        kind: q.variant.kind,
      })),
      versions: [{ code: 'A', index: 0, questions }],
      totalPoints: questions.length,
    };
  }

  it('exports to Moodle XML, Canvas QTI and HTML without a refusal, as well-formed documents', async () => {
    const exam = everythingExam();
    expect(exam.versions[0]!.questions.length).toBeGreaterThan(400);
    const files = await renderFormats(exam, ['moodle', 'qti', 'html'], {
      mode: 'categories',
      paper: 'a4',
    });
    const moodle = files.find((f) => f.path.endsWith('.moodle.xml'))!.content as string;
    expect(XMLValidator.validate(moodle)).toBe(true);
    expect(moodle.match(/<question type="(?!category)/g)?.length).toBe(
      exam.versions[0]!.questions.length,
    );
    const zip = unzipSync(files.find((f) => f.path.endsWith('.qti.zip'))!.content as Uint8Array);
    const xmls = Object.entries(zip).filter(([name]) => name.endsWith('.xml'));
    expect(xmls.length).toBeGreaterThanOrEqual(3);
    for (const [name, bytes] of xmls)
      expect(XMLValidator.validate(strFromU8(bytes)), name).toBe(true);
    const html = files.filter((f) => f.path.endsWith('.html'));
    expect(html.map((f) => f.path).sort()).toEqual([
      'everything/answer-key.html',
      'everything/solutions.html',
      'everything/version-A.html',
    ]);
  });
});

describe.each(templates.map((t) => [t.id, t] as const))('%s', (_id, t) => {
  it('pinning each fixture reproduces it exactly, whatever the seed', () => {
    for (const f of t.fixtures ?? []) {
      const fixture = generateFixture(t, f.id);
      const pinned = generateVariant(t, 'another-seed', {
        pins: f.params,
        ...(f.kind ? { kind: f.kind } : {}),
      });
      expect(pinned.params).toEqual(fixture.params);
      expect(answerKey(pinned)).toBe(answerKey(fixture));
    }
  });

  it('random valid pins pass the gates and keep the answer; invalid pins name the parameter', () => {
    for (let i = 0; i < 25; i++) {
      const v = generateVariant(t, `pin-${i}`);
      const again = generateVariant(t, `other-${i}`, { pins: v.params });
      expect(gateProblem(again)).toBeNull();
      expect(again.params).toEqual(v.params);
      expect(answerKey(again)).toBe(answerKey(v));
    }
    expect(() => generateVariant(t, 1, { pins: { notAParameter: 1 } })).toThrow(
      /has no parameter 'notAParameter'; its parameters are/,
    );
    const [name, spec] =
      Object.entries(t.params).find(([, s]) => s.type === 'int' || s.type === 'enum') ?? [];
    if (name && spec) {
      const bad = spec.type === 'int' ? spec.max + 1 : '__not-allowed__';
      expect(checkValue(spec, bad)).not.toBeNull();
      expect(() => generateVariant(t, 1, { pins: { [name]: bad } })).toThrow(DlexamError);
      expect(() => generateVariant(t, 1, { pins: { [name]: bad } })).toThrow(
        new RegExp(`params\\.${name}: .* is not allowed; ${name} must be`),
      );
    }
  });

  it('publishes a JSON Schema naming every parameter', () => {
    const schema = templateJsonSchema(t);
    expect(schema.required).toEqual(Object.keys(t.params));
    for (const f of t.fixtures ?? [])
      for (const [k, spec] of Object.entries(t.params))
        expect(checkValue(spec, f.params[k]), `${f.id}.${k}`).toBeNull();
  });

  it('renders every formula of every kind in KaTeX with errors on', () => {
    for (const kind of t.kinds)
      for (let i = 0; i < 40; i++) {
        const v = generateVariant(t, `tex-${i}`, { kind });
        for (const { tex, display } of texOf(v)) {
          expect(
            () =>
              katex.renderToString(tex, {
                throwOnError: true,
                strict: 'error',
                displayMode: display,
              }),
            `${t.id} ${kind} seed tex-${i}: ${tex}`,
          ).not.toThrow();
        }
      }
  });
});
