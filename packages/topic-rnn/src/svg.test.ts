import { describe, expect, it } from 'vitest';
import { subscripted, unrolledRnnSvg } from './svg.js';

describe('unrolledRnnSvg', () => {
  it('draws one hidden box per step plus h0, inputs and optional outputs', () => {
    const svg = unrolledRnnSvg(3, true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect [^>]*rx="6"/g)).toHaveLength(1 + 3 * 3);
    for (const label of ['h₀', 'h₃', 'x₁', 'y₃']) expect(svg).toContain(`>${label}<`);
    expect(unrolledRnnSvg(2, false)).not.toContain('y₁');
    expect(svg).not.toMatch(/href|NaN|undefined/);
    expect(unrolledRnnSvg(3, true)).toBe(svg);
    expect(() => unrolledRnnSvg(0, true)).toThrow(RangeError);
    expect(subscripted('h', 12)).toBe('h₁₂');
    // Weight names are subscripted in the drawing, not printed with an underscore (issue 18).
    expect(svg).not.toContain('W_');
    expect(svg).toContain('>W<tspan dy="3" font-size="9">hh</tspan></text>');
    expect(svg).toContain('>W<tspan dy="3" font-size="9">xh</tspan></text>');
    expect(svg).toContain('>W<tspan dy="3" font-size="9">hy</tspan></text>');
  });
});
