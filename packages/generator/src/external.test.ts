import { describe, expect, it } from 'vitest';
import {
  DlexamError,
  TemplateRegistry,
  defineTemplate,
  registryWith,
  smokeProblem,
  templateContractProblem,
  templatesOfModule,
  type Template,
} from '@dlexam/generator';
import { auditTemplate } from '@dlexam/generator/testing';

type P = { a: number; b: number };

const sum = (id = 'myclass.sum', extra: Partial<Template<P>> = {}) =>
  defineTemplate<P>({
    id,
    topic: 'foundations',
    title: 'Sum',
    objective: 'Add two integers.',
    difficulty: 1,
    tags: ['arithmetic'],
    kinds: ['numeric', 'single'],
    params: {
      a: { type: 'int', min: 2, max: 30, description: 'first addend' },
      b: { type: 'int', min: 3, max: 30, description: 'second addend' },
    },
    build(p, ctx) {
      const stems = ['What is \\({{a}} + {{b}}\\)?', 'Add {{a}} and {{b}}.'];
      return {
        stem: ctx.render(stems[ctx.rng.int(0, 1)]!, p),
        solution: ctx.render('\\({{a}} + {{b}} = {{s}}\\)', { ...p, s: p.a + p.b }),
        answer: {
          type: 'numeric',
          value: p.a + p.b,
          decimals: 0,
          distractors: [
            { value: p.a * p.b, misconception: 'multiplied', feedback: 'That is the product.' },
            { value: p.a - p.b, misconception: 'subtracted', feedback: 'That is the difference.' },
            { value: p.a + p.b + 1, misconception: 'off-by-one', feedback: 'Count again.' },
          ],
        },
      };
    },
    verify(v, p) {
      const key =
        v.answer.kind === 'numeric'
          ? v.answer.numeric.value
          : v.choices.find((c) => c.correct)?.value;
      if (key !== p.a + p.b) throw new Error(`key ${key}, expected ${p.a + p.b}`);
    },
    ...extra,
  });

const builtin = defineTemplate<P>({ ...sum('foundations.sum'), verify: undefined });

describe('templatesOfModule', () => {
  it('reads templates, a default list, a default template, default.templates or named exports', () => {
    const t = sum();
    for (const mod of [
      { templates: [t] },
      { default: [t] },
      { default: t },
      { default: { templates: [t] } },
      { sum: t, version: '1.0' },
    ])
      expect(templatesOfModule(mod, './m.js')).toEqual([t]);
  });

  it('refuses a module without templates, naming it', () => {
    for (const mod of [{}, { answer: 42 }, { default: [] }, { templates: [] }])
      expect(() => templatesOfModule(mod, './m.js')).toThrow(
        new DlexamError(
          "./m.js: exports no templates; export a list 'templates' (or a default export) of defineTemplate({...}) results",
        ),
      );
    expect(() => templatesOfModule({ templates: sum() }, './m.js')).toThrow(
      "./m.js: exports 'templates' as an object; export a list of templates",
    );
  });

  it('names the broken part of the contract', () => {
    const { build: _, ...noBuild } = sum();
    const cases: [unknown, string][] = [
      [noBuild, "template 'myclass.sum' has no build(params, ctx) function"],
      [{ ...sum(), kinds: [] }, "template 'myclass.sum' needs kinds, a non-empty list of"],
      [{ ...sum(), topic: 'vision' }, `template 'myclass.sum' has topic "vision"; allowed:`],
      [{ ...sum(), difficulty: 5 }, "template 'myclass.sum' has difficulty 5; allowed: 1, 2, 3"],
      [
        { ...sum(), params: { a: { type: 'int', min: 9, max: 1, description: 'a' } } },
        "template 'myclass.sum': parameter 'a' has min 9 above max 1",
      ],
      [
        { ...sum(), params: { a: { type: 'float', min: 0, max: 1, description: 'a' } } },
        `template 'myclass.sum': parameter 'a' has type "float"; allowed: int, number, enum`,
      ],
      [{ ...sum(), verify: 'yes' }, "template 'myclass.sum': verify must be a function when given"],
      [
        sum('Sum'),
        "template id 'Sum' is not a namespaced kebab-case id such as 'myclass.loss-curve'",
      ],
      [sum('rnn.sum'), "template id 'rnn.sum' uses dlexam's namespace 'rnn'"],
      [42, 'exports number where a template was expected'],
    ];
    for (const [t, problem] of cases) expect(templateContractProblem(t)).toContain(problem);
    expect(templateContractProblem(sum())).toBeNull();
    expect(() => templatesOfModule({ templates: [sum(), noBuild] }, './m.js')).toThrow(
      "./m.js: template 'myclass.sum' has no build(params, ctx) function",
    );
  });
});

describe('registryWith', () => {
  it('adds namespaced templates beside the built-ins, listed under their topic', () => {
    const r = registryWith([builtin], [{ source: './m.js', templates: [sum()] }]);
    expect(r.get('myclass.sum').title).toBe('Sum');
    expect(r.byTopic('foundations').map((t) => t.id)).toEqual(['foundations.sum', 'myclass.sum']);
  });

  it('refuses clashes, naming both places', () => {
    expect(() => registryWith([builtin], [{ source: 'a.js', templates: [sum(), sum()] }])).toThrow(
      "a.js: duplicate template id 'myclass.sum' (twice in this module)",
    );
    expect(() =>
      registryWith(
        [builtin],
        [
          { source: 'a.js', templates: [sum()] },
          { source: 'b.js', templates: [sum()] },
        ],
      ),
    ).toThrow("b.js: duplicate template id 'myclass.sum' (also in a.js)");
    expect(() => new TemplateRegistry([builtin], [sum('foundations.other')])).toThrow(
      "template id 'foundations.other' uses dlexam's namespace 'foundations'",
    );
  });

  it('smoke-checks each template: a key its own verify rejects is refused', () => {
    const wrong = sum('myclass.wrong', {
      verify: () => {
        throw new Error('the key is off');
      },
    });
    expect(smokeProblem(wrong)).toBe(
      'template myclass.wrong seed 0 (numeric): its own verify fails: the key is off',
    );
    expect(() => registryWith([], [{ source: 'w.js', templates: [wrong] }])).toThrow(
      'w.js: template myclass.wrong seed 0 (numeric): its own verify fails: the key is off',
    );
    const throws = sum('myclass.throws', {
      build: () => {
        throw new TypeError('p.c is undefined');
      },
    });
    expect(smokeProblem(throws)).toBe('template myclass.throws seed 0 (numeric): p.c is undefined');
  });
});

describe('auditTemplate', () => {
  it('passes a sound template, with every check named', () => {
    const r = auditTemplate(sum(), { seeds: 2000 });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.checks.map((c) => c.name)).toEqual([
      'gates, params and own verify',
      'distractor/key separation',
      'determinism',
      'pool size',
      'wording variety',
      'figures',
      'fixtures',
    ]);
    expect(r.ok).toBe(true);
  });

  it('collects the first failing seeds of a key wrong on some seeds, and counts them all', () => {
    const odd = sum('myclass.odd', {
      verify: (v, p) => {
        if (p.a % 2 === 1) throw new Error('a is odd');
      },
    });
    const r = auditTemplate(odd, { seeds: 1000, maxFailures: 3 });
    const c = r.checks[0]!;
    expect(r.ok).toBe(false);
    expect(c.failures).toHaveLength(3);
    expect(c.failed).toBeGreaterThan(300);
    expect(c.failures[0]!.message).toMatch(/^a is odd; params \{"a":\d+,"b":\d+\}$/);
  });

  it('flags a small pool, one wording, and a mistake the key always accepts', () => {
    const narrow = sum('myclass.narrow', {
      params: {
        a: { type: 'int', min: 2, max: 3, description: 'first addend' },
        b: { type: 'int', min: 3, max: 4, description: 'second addend' },
      },
      kinds: ['numeric'],
    });
    const r = auditTemplate(narrow, { seeds: 200 });
    const failed = Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail]));
    expect(failed['pool size']).toBe(
      'only 4 variants, 3 distinct answers; widen the parameter ranges to at least 10 variants',
    );
    const oneWording = sum('myclass.one', {
      build: (p, ctx) => ({
        ...sum().build(p, ctx),
        stem: ctx.render('What is \\({{a}} + {{b}}\\)?', p),
      }),
    });
    expect(
      auditTemplate(oneWording, { seeds: 200 }).checks.find((c) => c.name === 'wording variety')!
        .detail,
    ).toMatch(/^only 1 wording\(s\) over 200 seeds \(numbers masked\), expected at least 2/);
    const close = sum('myclass.close', {
      build: (p, ctx) => {
        const body = sum().build(p, ctx);
        if (body.answer.type !== 'numeric') throw new Error('numeric');
        body.answer.tolerance = 0.5;
        body.answer.distractors.push({
          value: p.a + p.b + 0.5,
          misconception: 'half',
          feedback: 'Half off.',
        });
        return body;
      },
    });
    const sep = auditTemplate(close, { seeds: 200 }).checks[1]!;
    expect(sep.ok).toBe(false);
    expect(sep.failures[0]!.message).toMatch(
      /\(half\) is accepted as the answer \d+ ± 0\.5 in every variant/,
    );
  });
});
