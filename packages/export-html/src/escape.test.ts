import { describe, expect, it } from 'vitest';
import { cssString, escapeHtml } from './escape.js';

describe('escapeHtml', () => {
  it('escapes the five markup characters and nothing else', () => {
    expect(escapeHtml(`a & <b> "c" 'd' — ü`)).toBe(
      'a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39; — ü',
    );
  });
});

describe('cssString', () => {
  it('hex-escapes quotes, backslashes, angle brackets and non-ASCII', () => {
    expect(cssString('Exam "A" \\ </style> ü')).toBe(
      '"Exam \\22 A\\22  \\5c  \\3c \\2f style\\3e  \\fc "',
    );
  });
  it('keeps plain words readable', () => {
    expect(cssString('Version A, page')).toBe('"Version A, page"');
  });
});
