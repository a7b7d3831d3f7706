import { describe, expect, it } from 'vitest';
import { svgDataUri } from './documents.js';

describe('svgDataUri', () => {
  it('round-trips any SVG and holds nothing an attribute or URL cannot', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10"><text x='1'>5 × 5 & 100% #1 {a} [b] ü 😀\n\t\\ "q"</text></svg>`;
    const uri = svgDataUri(svg);
    expect(
      uri.startsWith(
        'data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22',
      ),
    ).toBe(true);
    expect(uri).not.toMatch(/["<>&\s#{}[\]\\]|[^\x21-\x7e]/);
    expect(decodeURIComponent(uri.slice('data:image/svg+xml;charset=utf-8,'.length))).toBe(svg);
  });
});
