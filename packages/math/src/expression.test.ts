import { describe, expect, it } from 'vitest';
import {
  backwardGraph,
  expressionGraph,
  expressionTex,
  expressionText,
  forwardGraph,
  parseExpression,
} from './index.js';

const run = (src: string, values: Record<string, number>) => {
  const g = expressionGraph(parseExpression(src), values);
  const f = forwardGraph(g.nodes);
  const grad = backwardGraph(g.nodes);
  return { f: f[g.nodes[g.nodes.length - 1]!.id]!, grad, g };
};

describe('parseExpression / expressionGraph', () => {
  it('f = (x + y)·z at x = −2, y = 5, z = −4 (CS231n): f = −12, ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = 3', () => {
    const r = run('f = (x + y) · z', { x: -2, y: 5, z: -4 });
    expect(r.f).toBe(-12);
    expect([r.grad['x'], r.grad['y'], r.grad['z']]).toEqual([-4, -4, 3]);
    expect(r.g.variables).toEqual(['x', 'y', 'z']);
  });

  it('σ(w0·x0 + w1·x1 + w2) (CS231n): f = 0.731059, ∂f/∂x0 = 0.393224, ∂f/∂w0 = −0.196612', () => {
    const r = run('sigmoid(w0*x0 + w1*x1 + w2)', { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    expect(r.f).toBeCloseTo(0.731059, 6);
    expect(r.grad['w0']).toBeCloseTo(-0.196612, 6);
    expect(r.grad['x0']).toBeCloseTo(0.393224, 6);
    expect(r.grad['w2']).toBeCloseTo(0.196612, 6);
  });

  it('scaled and shifted tanh, subtraction, division, powers, exp and log agree with finite differences', () => {
    const cases: [string, Record<string, number>][] = [
      ['2·tanh(x·y + z) + 1', { x: 0.5, y: -1, z: 0.25 }],
      ['(x − y)^2 / z', { x: 3, y: 1.5, z: 2 }],
      ['−exp(a) + log(b)·a', { a: 0.3, b: 2.5 }],
      ['max(x, y·2) − relu(z)', { x: 1, y: 0.75, z: 0.5 }],
      ['3 * σ(w * x + b) - 0.5', { w: -1.5, x: 2, b: 0.5 }],
      ['x^-1 + ln(x)', { x: 1.7 }],
    ];
    for (const [src, values] of cases) {
      const r = run(src, values);
      for (const name of Object.keys(values)) {
        const h = 1e-6;
        const at = (d: number) => run(src, { ...values, [name]: values[name]! + d }).f;
        expect(r.grad[name]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 6);
      }
    }
  });

  it('renders TeX and plain text that parses back to the same expression', () => {
    for (const src of [
      '2·tanh(x·y + z) + 1',
      '(x + y)·z',
      'x − (y − z)',
      '−(a + b)^2',
      'a / (b·c)',
    ]) {
      const e = parseExpression(src);
      expect(parseExpression(expressionText(e))).toEqual(e);
    }
    expect(expressionTex(parseExpression('f = (x + y) * z'))).toBe('\\left(x + y\\right) \\cdot z');
    expect(expressionTex(parseExpression('2*sigmoid(w*x + b) + 1'))).toBe(
      '2 \\cdot \\sigma\\left(w \\cdot x + b\\right) + 1',
    );
  });

  it('refuses bad input with the position and what is allowed', () => {
    const msg = (src: string) => {
      try {
        parseExpression(src);
      } catch (e) {
        return (e as Error).message;
      }
      return 'parsed';
    };
    expect(msg('(x + y')).toBe("expected ')' at the end, found 'the end'");
    expect(msg('x + y)')).toBe("unmatched ')' at position 6");
    expect(msg('sin(x)')).toMatch(/^unknown function 'sin' at position 1; the functions are/);
    expect(msg('2x')).toMatch(/^missing operator before 'x' at position 2/);
    expect(msg('x $ y')).toMatch(/^unexpected character '\$' at position 3; use numbers/);
    expect(msg('x^y')).toMatch(/exponent of \^ at position 3 must be a number/);
    expect(msg('max(x)')).toMatch(/takes 2 arguments, got 1/);
    expect(msg('tanh + x')).toMatch(/'tanh' at position 1 is a function/);
    expect(msg('3 + 4')).toBe('the expression has no variable');
    expect(msg('x')).toBe('the expression has no operation');
    expect(msg('a+b+c+d+e+f+g')).toBe('the expression has 7 variables; at most 6');
    expect(msg('x +')).toBe('the expression ends too early: a number, variable or ( is missing');
    expect(() => expressionGraph(parseExpression('x + y'), { x: 1 })).toThrow(
      "variable 'y' has no value",
    );
  });
});
