import { describe, expect, it } from 'vitest';
import { residualBlock, type ResidualSpec } from './residual.js';

/** A block on a 56×56 map (ResNet's conv2_x), stride 1, with batch norm, unless `s` says otherwise. */
const block = (s: Pick<ResidualSpec, 'kind' | 'cin' | 'cout'> & Partial<ResidualSpec>) =>
  residualBlock({ h: 56, w: 56, mid: 0, stride: 1, batchNorm: true, ...s });

describe('residualBlock', () => {
  it('ResNet-50 conv2_x first bottleneck: 75,008 parameters with its projection', () => {
    // 1×1 64→64: 4096 + 128; 3×3 64→64: 36,864 + 128; 1×1 64→256: 16,384 + 512;
    // projection 1×1 64→256: 16,384 + 512.
    const b = block({ kind: 'bottleneck', cin: 64, mid: 64, cout: 256 });
    expect(b.layers.map((l) => l.params)).toEqual([4224, 36992, 16896]);
    expect(b.shortcut!.params).toBe(16896);
    expect(b.params).toBe(75008);
    expect(b.out).toEqual({ c: 256, h: 56, w: 56 });
    // MACs: 56·56·(64·64 + 9·64·64 + 64·256 + 64·256) = 3136 · 73,728.
    expect(b.macs).toBe(3136 * 73728);
  });

  it('identity bottleneck 256→64→256: 70,400 parameters, no shortcut', () => {
    const b = block({ kind: 'bottleneck', cin: 256, mid: 64, cout: 256 });
    expect(b.shortcut).toBeNull();
    expect(b.params).toBe(16384 + 128 + 36864 + 128 + 16384 + 512);
  });

  it('a strided basic block halves the map and projects the shortcut', () => {
    const b = block({ kind: 'basic', cin: 64, cout: 128, stride: 2 });
    expect(b.out).toEqual({ c: 128, h: 28, w: 28 });
    expect(b.params).toBe(73728 + 256 + 147456 + 256 + 8192 + 256);
    expect(b.macs).toBe(28 * 28 * (9 * 64 * 128 + 9 * 128 * 128 + 64 * 128));
    const odd = block({ kind: 'basic', cin: 8, h: 7, w: 7, cout: 8, stride: 2, batchNorm: false });
    expect(odd.out).toEqual({ c: 8, h: 4, w: 4 });
    expect(odd.layers[0]!.params).toBe(9 * 64 + 8);
  });
});
