import { describe, expect, it } from 'vitest';
import { clozeMultichoice, clozeNumerical, clozeText, neutralizeClozeBraces } from './cloze.js';

describe('cloze encoding', () => {
  it('leaves no raw answer/feedback terminator and every # right after &amp;', () => {
    const encoded = clozeText('a}b~c#d\\e=f%g:h{i & <j>');
    expect(encoded).not.toMatch(/[{}~\\=%:]/);
    expect(encoded.replace(/&amp;#/g, '')).not.toContain('#');
    // One html_entity_decode gives the HTML-escaped text Moodle stores.
    expect(encoded).toBe(
      'a&amp;#125;b&amp;#126;c&amp;#35;d&amp;#92;e&amp;#61;f&amp;#37;g&amp;#58;h&amp;#123;i &amp;amp; &amp;lt;j&amp;gt;',
    );
    expect(clozeText('  two\n lines ')).toBe('two lines');
  });

  it('writes numbers in plain decimals and refuses non-finite ones', () => {
    expect(clozeNumerical(4.07e17, 1e15, 'ok')).toBe(
      '{1:NUMERICAL:=407000000000000000:1000000000000000#ok}',
    );
    expect(clozeNumerical(-1e-7, 5e-8, 'ok')).toBe('{1:NUMERICAL:=-0.0000001:0.00000005#ok}');
    expect(() => clozeNumerical(Number.NaN, 0, 'ok')).toThrow();
  });

  it('marks exactly the correct drop-down option with =', () => {
    expect(clozeMultichoice(['yes', 'no'], 1, { correct: 'Right', wrong: 'Wrong' })).toBe(
      '{1:MULTICHOICE:%0%yes#Wrong~=no#Right}',
    );
  });

  it('neutralizes braces in literal question text', () => {
    expect(neutralizeClozeBraces('{1:NUMERICAL:=5}')).toBe('&#123;1:NUMERICAL:=5&#125;');
  });
});
