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

  it('writes exact decimals with a weight and refuses anything else', () => {
    expect(clozeNumerical('407000000000000000', '1000000000000000', 'ok')).toBe(
      '{1:NUMERICAL:=407000000000000000:1000000000000000#ok}',
    );
    expect(clozeNumerical('-0.0000001', '0.00000005', 'ok', 3)).toBe(
      '{3:NUMERICAL:=-0.0000001:0.00000005#ok}',
    );
    expect(() => clozeNumerical('NaN', '0', 'ok')).toThrow();
    expect(() => clozeNumerical('1e-7', '0', 'ok')).toThrow();
  });

  it('pads a blank with a 0 % alternative so its size does not hint at the answer', () => {
    expect(clozeNumerical('6', '0', 'ok', 1, 8)).toBe('{1:NUMERICAL:=6:0#ok~%0%-9999999:0}');
    // An answer as long as the width needs no pad.
    expect(clozeNumerical('12345678', '0', 'ok', 1, 8)).toBe('{1:NUMERICAL:=12345678:0#ok}');
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
