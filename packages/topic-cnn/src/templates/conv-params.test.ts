import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { convParamsTemplate as t } from '@dlexam/topic-cnn';
import {
  correctChoice,
  checkTemplate,
  checkValidPins,
  numericValue,
  runProperty,
} from '@dlexam/generator/testing';
import { expectKey } from '../../test/key-checks.js';

/** What the independent counts read of a layer. */
type Layer = { layer: string; k: number; kw: number; cin: number; cout: number; bias: boolean };

/** Independent: build one filter's arrays element by element, count them, and add the biases. */
const filterSize = new Map<string, number>();
function countBuiltLayer(p: Layer): number {
  const depth = p.layer === 'depthwise' ? 1 : p.cin;
  const key = `${depth}x${p.k}x${p.kw}`;
  if (!filterSize.has(key)) {
    const filter = Array.from({ length: depth }, () =>
      Array.from({ length: p.k }, () => new Array<number>(p.kw).fill(0)),
    );
    filterSize.set(key, filter.flat(2).length);
  }
  const filters = new Array<number>(p.cout).fill(filterSize.get(key)!);
  const bias = p.bias ? new Array<number>(p.cout).fill(0) : [];
  return filters.reduce((a, b) => a + b, 0) + bias.length;
}

/**
 * Independent for large pinned layers (too big to build): one filter's weights counted kernel
 * position by kernel position (each position holds a weight per input channel it sees), times the
 * filters, plus a bias per filter.
 */
function countByPositions(p: Layer): number {
  let perFilter = 0;
  for (let u = 0; u < p.k; u++)
    for (let v = 0; v < p.kw; v++) perFilter += p.layer === 'depthwise' ? 1 : p.cin;
  return perFilter * p.cout + (p.bias ? p.cout : 0);
}

/** Evaluates a plain formula option such as `(M²·C + 1)·C_out` at the variant's numbers. */
function evalFormula(plain: string, p: { k: number; cin: number; cout: number }): number {
  const expr = plain
    .replace(/C_out|C_in|n_f/g, String(p.cout))
    .replace(/n_c/g, String(p.cin))
    .replace(/\bC_in\b/g, String(p.cin))
    .replace(/\bC\b/g, String(p.cin))
    .replace(/\b[Mfk]\b/g, String(p.k))
    .replace(/²/g, '**2')
    .replace(/·/g, '*');
  if (!/^[\d\s()*+]+$/.test(expr)) throw new Error(`unparsed formula ${plain} → ${expr}`);
  return Function(`return ${expr}`)() as number;
}

describe('cnn.conv-params', () => {
  it('answers match counting a built layer over 10,000 seeds', () => {
    let symbolic = 0;
    let nonSquare = 0;
    runProperty(t, (v, p) => {
      if (p.k !== p.kw) {
        nonSquare++;
        expect(v.stem).toMatch(new RegExp(`${p.k}×${p.kw}|kernel_size=\\(${p.k}, ${p.kw}\\)`));
      }
      const want = countBuiltLayer(p);
      if (v.kind === 'single' && p.symbolic) {
        symbolic++;
        // C_in must be substituted before C: fix the order by using distinct names per symbol set.
        const fixed = { ...p, cin: p.cin };
        expect(evalFormula(correctChoice(v).replace('C_in', 'n_c'), fixed)).toBe(want);
        for (const c of v.choices.filter((x) => !x.correct))
          expect(evalFormula(c.plain.replace('C_in', 'n_c'), fixed)).not.toBe(want);
      } else expectKey(v, { value: want });
    });
    expect(symbolic).toBeGreaterThan(200);
    expect(nonSquare).toBeGreaterThan(1000);
  });

  it('counts a non-square kernel (hand-worked Inception-style 1×7, 192 → 192: 258,240)', () => {
    const pins = t.fixtures!.find((f) => f.id === 'nonsquare-inception-1x7')!.params;
    const v = generateVariant(t, 'fixture', { kind: 'numeric', pins });
    expect(numericValue(v)).toBe(258240);
    expect(v.stem).toContain('kernel_size=(1, 7)');
    // Reading the kernel as 1×1 (square from its height): 192·192 + 192 = 37,056.
    expect(v.choices.find((c) => c.misconception === 'kernel-assumed-square')?.value).toBe(37056);
    // Height plus width: (8·192 + 1)·192 = 295,104.
    expect(v.choices.find((c) => c.misconception === 'kernel-sides-added')?.value).toBe(295104);
  });

  it('accepts any valid pinned layer (kernels, channels and sizes off the draw lists)', () => {
    const r = checkValidPins(t, {
      count: 1000,
      kinds: ['numeric', 'single'],
      adjust(p) {
        if (p.layer === 'pointwise') Object.assign(p, { k: 1, kw: 1 });
        else if (p.k === 1 && p.kw === 1) p.kw = 2;
        if (p.layer === 'depthwise') Object.assign(p, { cout: p.cin, notation: 'filters' });
        if (p.symbolic)
          Object.assign(p, { layer: 'standard', kw: p.k, cin: 2 + (p.cin as number) });
        if (p.symbolic && p.k === 1) Object.assign(p, { k: 3, kw: 3 });
        p.n = Math.max(p.n as number, p.k as number, p.kw as number);
      },
      check(v, p) {
        if (v.kind === 'numeric' || !p.symbolic) expectKey(v, { value: countByPositions(p) });
      },
    });
    expect(r.accepted).toBeGreaterThan(400);
    expect(r.offDraw).toBeGreaterThan(300);
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 20, everyKind: true });
  });
});
