import { describe, expect, it } from 'vitest';
import { generateFixture, generateVariant } from '@dlexam/generator';
import { residualBlockTemplate as t, type ResidualBlockParams } from '@dlexam/topic-cnn';
import type { Variant } from '@dlexam/types';
import {
  checkFigures,
  checkTemplate,
  numericValue,
  runProperty,
  tableNumbers,
} from '@dlexam/generator/testing';
import { checkPartialPins } from '../../test/key-checks.js';

/** Independent: slide a k×k window with padding (k − 1)/2 and count the positions. */
function positions(n: number, k: number, s: number): number {
  const pad = (k - 1) / 2;
  let count = 0;
  for (let i = 0; i + k <= n + 2 * pad; i += s) count++;
  return count;
}

/** Independent: the arrays PyTorch registers, layer by layer, and their MACs. */
function reference(p: ResidualBlockParams) {
  const convs: [number, number, number, number][] =
    p.block === 'basic'
      ? [
          [3, p.cin, p.cout, p.stride],
          [3, p.cout, p.cout, 1],
        ]
      : [
          [1, p.cin, p.mid, 1],
          [3, p.mid, p.mid, p.stride],
          [1, p.mid, p.cout, 1],
        ];
  const rows: number[][] = [];
  let n = p.n;
  const count = (k: number, cin: number, cout: number, s: number, size: number) => {
    const out = positions(size, k, s);
    const arrays = [[cout, cin, k, k], ...(p.batchNorm ? [[cout], [cout]] : [[cout]])];
    const params = arrays.reduce((t, a) => t + a.reduce((x, y) => x * y, 1), 0);
    rows.push([out, out, cout, params]);
    return { out, params, macs: out * out * cout * k * k * cin };
  };
  let params = 0;
  let macs = 0;
  for (const [k, cin, cout, s] of convs) {
    const r = count(k, cin, cout, s, n);
    n = r.out;
    params += r.params;
    macs += r.macs;
  }
  if (p.cin !== p.cout || p.stride !== 1) {
    const r = count(1, p.cin, p.cout, p.stride, p.n);
    expect(r.out).toBe(n); // the shortcut lands on the main path's shape
    params += r.params;
    macs += r.macs;
  }
  return { params, macs, rows };
}

/** The key: the registered arrays' rows in a table, else the parameter or MAC count asked. */
function expectRegisteredKey(v: Variant, p: ResidualBlockParams): void {
  const ref = reference(p);
  if (v.kind === 'table') expect(tableNumbers(v)).toEqual(ref.rows);
  else expect(numericValue(v)).toBe(p.ask === 'params' ? ref.params : ref.macs);
}

describe('cnn.residual-block', () => {
  it('answers match registered arrays and counted window positions over 10,000 seeds', () => {
    runProperty(t, expectRegisteredKey);
  });

  it('reproduces ResNet blocks worked by hand', () => {
    // torchvision resnet50 layer1[0]: 4,224 + 36,992 + 16,896 + 16,896 = 75,008.
    expect(numericValue(generateFixture(t, 'cnn-resnet50-conv2-first-bottleneck'))).toBe(75_008);
    // resnet18 layer2[0]: 28 · 28 · (73,728 + 147,456 + 8,192) = 179,830,784.
    expect(numericValue(generateFixture(t, 'cnn-resnet18-strided-basic-macs'))).toBe(179_830_784);
  });

  it('pins a Wide ResNet-50-2 bottleneck (width 128 on 64 → 256 channels: no drawn stage)', () => {
    // 1×1: 64·128 + 2·128 = 8,448; 3×3: 9·128·128 + 256 = 147,712; 1×1: 128·256 + 512 = 33,280;
    // projection 64·256 + 512 = 16,896. Total 206,336.
    const v = generateVariant(t, 'wrn', {
      kind: 'numeric',
      pins: {
        block: 'bottleneck',
        cin: 64,
        mid: 128,
        cout: 256,
        n: 56,
        stride: 1,
        batchNorm: true,
        ask: 'params',
      },
    });
    expect(numericValue(v)).toBe(206_336);
  });

  it('refuses counts beyond exact integers and accepts valid pins with the registered-array key', () => {
    expect(() =>
      generateVariant(t, 'huge', {
        kind: 'numeric',
        pins: {
          block: 'bottleneck',
          cin: 4096,
          mid: 4096,
          cout: 4096,
          n: 1024,
          stride: 1,
          batchNorm: true,
          ask: 'macs',
        },
      }),
    ).toThrow(/break a validity rule.*5 × 10¹²/);
    // The draw range is the validity (no pin lies off it); the sampler prefers ResNet stages.
    checkPartialPins(t, expectRegisteredKey, { offDraw: 'none' });
  });

  it('is deterministic, varies its wording, renders fixtures and figures', () => {
    checkTemplate(t, { minStems: 20 });
    checkFigures(t);
  });
});
