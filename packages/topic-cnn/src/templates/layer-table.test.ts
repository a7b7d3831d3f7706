import { describe, expect, it } from 'vitest';
import { generateVariant } from '@dlexam/generator';
import { layerTable as t, type LayerTableParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import { checkTemplate, numericValue, runProperty, tableNumbers } from '@dlexam/generator/testing';
import { checkPartialPins, expectKey } from '../../test/key-checks.js';

type L =
  | { t: 'conv'; k: number; n: number; s: number; p: number }
  | { t: 'pool'; k: number }
  | { t: 'fc'; n: number };

/** Independent: count window positions for shapes; count weights as one filter's cells × filters. */
function referenceRows(inSize: number, inC: number, layers: L[]): number[][] {
  let [h, w, c] = [inSize, inSize, inC];
  const positions = (n: number, k: number, s: number, pad: number) => {
    let count = 0;
    for (let start = 0; start + k <= n + 2 * pad; start += s) count++;
    return count;
  };
  return layers.map((l) => {
    if (l.t === 'conv') {
      h = positions(h, l.k, l.s, l.p);
      w = positions(w, l.k, l.s, l.p);
      const weights = Array.from({ length: l.k * l.k }, () => c).reduce((a, b) => a + b, 0) * l.n;
      c = l.n;
      return [h, w, c, weights, l.n];
    }
    if (l.t === 'pool') {
      h = positions(h, l.k, l.k, 0);
      w = positions(w, l.k, l.k, 0);
      return [h, w, c, 0, 0];
    }
    const flat = h * w * c;
    [h, w, c] = [1, 1, l.n];
    return [l.n, flat * l.n, l.n];
  });
}

/** The key is the walk's rows under a blank header row, or the total of weights and biases. */
function expectWalkKey(v: Variant, p: LayerTableParams): void {
  const rows = referenceRows(p.inSize, p.inC, p.layers);
  // Weights and biases are the last two numbers of every row.
  const total = rows.reduce((s, r) => s + (r.at(-1) ?? NaN) + (r.at(-2) ?? NaN), 0);
  expectKey(v, { table: [[], ...rows], value: total });
}

describe('cnn.layer-table', () => {
  it('answers match an independent shape and parameter walk over 10,000 seeds', () => {
    runProperty(t, (v, p: LayerTableParams) => {
      expectWalkKey(v, p);
      expect(v.figure?.alt).toMatch(/^Layer stack: INPUT/);
    });
  });

  it('pins a 64×64×4 multispectral input (4 channels: off the drawn 1–3)', () => {
    // CONV-3-16: 62×62×16, 3·3·4·16 = 576 weights, 16 biases; POOL-2: 31×31×16;
    // FC-10: 31·31·16 = 15,376 inputs, 153,760 weights, 10 biases. Total 154,362.
    const pins: LayerTableParams = {
      inSize: 64,
      inC: 4,
      layers: [
        { t: 'conv', k: 3, n: 16, s: 1, p: 0 },
        { t: 'pool', k: 2 },
        { t: 'fc', n: 10 },
      ],
    };
    expect(numericValue(generateVariant(t, 'ms', { kind: 'numeric', pins }))).toBe(154_362);
    expect(tableNumbers(generateVariant(t, 'ms', { kind: 'table', pins }))).toEqual([
      [],
      [62, 62, 16, 576, 16],
      [31, 31, 16, 0, 0],
      [10, 153_760, 10],
    ]);
  });

  it('accepts valid pinned input sizes and channels, with the key of the independent walk', () => {
    checkPartialPins(t, expectWalkKey, { offDraw: 'some' });
  });

  it('is deterministic, varies its wording and renders its fixtures', () => {
    checkTemplate(t, { minStems: 100, everyKind: true });
  });
});
