import { describe, expect, it } from 'vitest';
import { DlexamError, generateVariant } from '@dlexam/generator';
import {
  checkTemplate,
  correctChoice,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import type { Variant } from '@dlexam/types';
import { expressionGraphTemplate as t, type ExpressionGraphParams } from '../index.js';

/**
 * Independent evaluator: the expression turned into a JavaScript function by text substitution
 * (written here, not the math core's parser or graph). Only the template's own expressions and
 * the fixtures reach it.
 */
const compiled = new Map<string, (...xs: number[]) => number>();
function compile(expr: string, vars: string[]): (...xs: number[]) => number {
  const key = `${expr}|${vars.join(',')}`;
  let fn = compiled.get(key);
  if (!fn) compiled.set(key, (fn = compileNew(expr, vars)));
  return fn;
}

function compileNew(expr: string, vars: string[]): (...xs: number[]) => number {
  const js = expr
    .replace(/^\s*f\s*=/, '')
    .replace(/[·×]/g, '*')
    .replace(/−/g, '-')
    .replace(/\^/g, '**')
    .replace(/\b(sigmoid|sig)\(|σ\(/g, 'S(')
    .replace(/\btanh\(/g, 'Math.tanh(')
    .replace(/\brelu\(/gi, 'R(')
    .replace(/\bexp\(/g, 'Math.exp(')
    .replace(/\b(log|ln)\(/g, 'Math.log(')
    .replace(/\bmax\(/g, 'Math.max(');
  const body = `const S = (a) => 1 / (1 + Math.exp(-a)); const R = (a) => (a > 0 ? a : 0); return ${js};`;
  return new Function(...vars, body) as (...xs: number[]) => number;
}

/** f and every ∂f/∂v by central finite differences of the independent evaluator. */
function reference(p: ExpressionGraphParams): { f: number; grad: Record<string, number> } {
  const vars = Object.keys(p.values);
  const fn = compile(p.expr, vars);
  const at = (name?: string, d = 0) => fn(...vars.map((v) => p.values[v]! + (v === name ? d : 0)));
  const grad: Record<string, number> = {};
  for (const v of vars) {
    const h = 1e-5;
    grad[v] = (at(v, h) - at(v, -h)) / (2 * h);
  }
  return { f: at(), grad };
}

const close = (got: number, want: number, decimals: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(decimals ? 0.5 * 10 ** -decimals + 1e-6 : 1e-6);

function check(v: Variant, p: ExpressionGraphParams): void {
  const ref = reference(p);
  if (v.answer.kind === 'table') {
    const dec =
      v.answer.rows[0]![1]!.type === 'numeric' ? v.answer.rows[0]![1]!.answer.decimals : 0;
    const want = [ref.f, ...Object.keys(p.values).map((k) => ref.grad[k]!)];
    tableNumbers(v).forEach((row, i) => close(row[0]!, want[i]!, dec));
    return;
  }
  const want = p.ask === 'f' ? ref.f : ref.grad[p.ask]!;
  const got = v.kind === 'numeric' ? numericValue(v) : Number(correctChoice(v));
  const dec =
    v.answer.kind === 'numeric' ? v.answer.numeric.decimals : /\./.test(correctChoice(v)) ? 3 : 0;
  close(got, want, dec);
  for (const c of v.choices.filter((x) => !x.correct)) expect(c.misconception).toBeTruthy();
}

describe('foundations.expression-graph', () => {
  it('answers match an independent evaluator and its finite differences over 10,000 seeds', () => {
    const families = new Set<string>();
    runProperty(t, (v, p) => {
      families.add(p.expr.replace(/[\d.-]+(?![\w(])/g, 'c'));
      check(v, p);
      // Conventions the answer depends on are in the stem.
      if (/sigmoid/.test(p.expr)) expect(v.stem).toContain('\\(\\sigma(a) = 1/(1 + e^{-a})\\)');
      if (/relu/.test(p.expr)) expect(v.stem).toContain('\\max(0, a)');
    });
    expect(families.size).toBeGreaterThanOrEqual(10);
  });

  it('reproduces the hand-worked instances', () => {
    const fx = (id: string) => t.fixtures!.find((f) => f.id === id)!;
    // (x + y)·z at (−2, 5, −4): f = −12, ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = 3.
    const a = generateVariant(t, 'fixture', { kind: 'table', pins: fx('cs231n-add-mul').params });
    expect(tableNumbers(a)).toEqual([[-12], [-4], [-4], [3]]);
    // Each numeric instance: its answer, and the value of each named wrong answer.
    const numeric: {
      seed: string;
      pins: ExpressionGraphParams;
      answer: number;
      wrong: Record<string, number>;
    }[] = [
      // σ(w0·x0 + w1·x1 + w2) = σ(1): ∂f/∂x0 = σ(1)(1 − σ(1))·w0 = 0.196612·2 = 0.393; using σ(1)
      // itself as the local derivative: 0.731059·2 = 1.462.
      {
        seed: 'fixture',
        pins: fx('cs231n-sigmoid-neuron').params,
        answer: 0.393,
        wrong: { 'sigmoid-derivative-as-value': 1.462117 },
      },
      // 2·tanh(w·x + b) + 1 at w = 0.5, x = 2, b = −0.5: ∂f/∂w = 2·(1 − tanh²(0.5))·2 = 3.146;
      // forgetting the factor 2: (1 − tanh²(0.5))·2 = 1.573.
      {
        seed: 'fixture',
        pins: fx('scaled-shifted-tanh').params,
        answer: 3.146,
        wrong: { 'ignored-constant-factor': 1.572895 },
      },
      // f = 2·tanh(0.5) + 1 = 1.924; without the shift 0.924; without the scale 1.462.
      {
        seed: 'f',
        pins: { ...fx('scaled-shifted-tanh').params, ask: 'f' },
        answer: 1.924,
        wrong: { 'ignored-shift': 0.924234, 'ignored-scale': 1.462117 },
      },
    ];
    for (const { seed, pins, answer, wrong } of numeric) {
      const v = generateVariant(t, seed, { kind: 'numeric', pins });
      expect(numericValue(v)).toBe(answer);
      for (const [misconception, value] of Object.entries(wrong))
        expect(v.choices.find((c) => c.misconception === misconception)?.value).toBeCloseTo(
          value,
          5,
        );
    }
  });

  it('takes any small expression an instructor types, and refuses bad ones with one clear line', () => {
    const v = generateVariant(t, 'own', {
      kind: 'numeric',
      pins: { expr: 'f = (a − b)^2 / c + ln(c)', values: { a: 3, b: 1.5, c: 2 }, ask: 'c' },
    });
    // f = 2.25/c + ln c: ∂f/∂c = −2.25/4 + 1/2 = −0.0625 → −0.063 (3 decimals).
    expect(numericValue(v)).toBe(-0.063);
    const refuse = (pins: Record<string, unknown>) => {
      try {
        generateVariant(t, 'bad', { kind: 'numeric', pins: pins as never });
      } catch (e) {
        expect(e).toBeInstanceOf(DlexamError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refuse({ expr: '(x + y * z', values: { x: 1, y: 2, z: 3 }, ask: 'x' })).toMatch(
      /expr "\(x \+ y \* z": expected '\)' at the end/,
    );
    expect(refuse({ expr: 'sin(x) * y', values: { x: 1, y: 2 }, ask: 'x' })).toMatch(
      /unknown function 'sin' at position 1/,
    );
    expect(refuse({ expr: 'x * y', values: { x: 1 }, ask: 'x' })).toMatch(
      /values\.y: a number is needed for every variable of the expression \(x, y\)/,
    );
    expect(refuse({ expr: 'x * y', values: { x: 1, y: 2, q: 3 }, ask: 'x' })).toMatch(
      /values\.q: the expression has no variable 'q'/,
    );
    expect(refuse({ expr: 'x * y', values: { x: 1, y: 2 }, ask: 'z' })).toMatch(
      /ask "z": ask for f or for one of the variables x, y/,
    );
    expect(refuse({ expr: 'relu(x) * y', values: { x: 0, y: 2 }, ask: 'x' })).toMatch(
      /defined and differentiable/,
    );
    expect(refuse({ expr: 'x / y', values: { x: 1, y: 0 }, ask: 'x' })).toMatch(
      /defined and differentiable/,
    );
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 20, everyKind: true });
  });
});
