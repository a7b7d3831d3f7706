import { describe, expect, it } from 'vitest';
import { lineChartSvg, noiseSequence } from './svg.js';

describe('lineChartSvg', () => {
  const panel = {
    title: 'A & <B>',
    xLabel: 'iteration',
    yLabel: 'loss',
    series: [{ values: [1, 0.5, 0.25], label: 's', color: '#000' }],
  };

  it('is deterministic, self-contained and escapes text', () => {
    const svg = lineChartSvg([panel], 'T "x"');
    expect(lineChartSvg([panel], 'T "x"')).toBe(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('A &amp; &lt;B&gt;');
    expect(svg).toContain('<title>T &quot;x&quot;</title>');
    expect(svg).not.toMatch(/href|NaN|undefined/);
  });

  it('maps the data to the plot box: first point at the top-left, last at the right edge', () => {
    const svg = lineChartSvg([panel], 't');
    // yMax = 1 → value 1 at y = top margin 28; x from 48 to 308; value 0.25 at 28 + 156·0.75 = 145.
    expect(svg).toContain('points="48.0,28.0 178.0,106.0 308.0,145.0"');
    expect(lineChartSvg([panel, panel], 't')).toContain('width="640"');
  });
});

describe('noiseSequence', () => {
  it('is deterministic, in [−1, 1), and differs between seeds', () => {
    const a = noiseSequence(3, 200);
    expect(noiseSequence(3, 200)).toEqual(a);
    expect(noiseSequence(4, 200)).not.toEqual(a);
    expect(a.every((x) => x >= -1 && x < 1)).toBe(true);
    expect(a.some((x) => x > 0.5) && a.some((x) => x < -0.5)).toBe(true);
  });
});
