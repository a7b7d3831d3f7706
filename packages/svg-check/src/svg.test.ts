import { describe, expect, test } from 'vitest';
import { svgProblem } from '@dlexam/svg-check';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

describe('svgProblem', () => {
  test('accepts a namespaced SVG document, with or without an XML declaration', () => {
    expect(svgProblem(`<svg ${NS} width="10"><text x="1">5 × 5 &amp; &lt;</text></svg>`)).toBe(
      null,
    );
    expect(svgProblem(`<?xml version="1.0" encoding="UTF-8"?>\n<svg ${NS}><g/></svg>`)).toBe(null);
    expect(
      svgProblem(
        `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#a"/></svg>`,
      ),
    ).toBe(null);
  });

  test('names the first well-formedness error with its position', () => {
    expect(svgProblem(`<svg ${NS}><g></svg>`)).toMatch(/^not well-formed XML \(1:\d+: .+\)$/);
    expect(svgProblem(`<svg ${NS}><text>a & b</text></svg>`)).toMatch(/not well-formed/);
    expect(svgProblem(`<svg ${NS}><text>x</text>`)).toMatch(/not well-formed/);
    expect(svgProblem(`<svg ${NS}/><svg ${NS}/>`)).toMatch(/not well-formed/);
    expect(svgProblem(`<svg ${NS} width="1" width="2"/>`)).toMatch(/not well-formed/);
    // An undeclared prefix breaks namespace well-formedness, which browsers require of SVG.
    expect(svgProblem(`<svg ${NS}><use xlink:href="#a"/></svg>`)).toMatch(/not well-formed/);
  });

  test('requires the root element to be <svg> in the SVG namespace', () => {
    expect(svgProblem('<png/>')).toMatch(/not an SVG document .*found <png> without a namespace/);
    expect(svgProblem('<svg width="3"/>')).toMatch(/not an SVG document/);
    expect(svgProblem('<svg xmlns="http://example.com/"/>')).toMatch(/found <svg> in http/);
    expect(svgProblem('')).toMatch(/^not (well-formed|an SVG)/);
    expect(svgProblem('just text')).toMatch(/^not (well-formed|an SVG)/);
  });
});
