import { describe, expect, it } from 'vitest';
import { sampleExam } from '@dlexam/types/testing';
import { HtmlExportError, katexAssets, toHtmlFiles } from '@dlexam/export-html';

describe('toHtmlFiles', () => {
  const exam = sampleExam();
  const files = toHtmlFiles(exam);
  const byPath = new Map(files.map((f) => [f.path, f.content]));

  it('writes every document of the exam under its slug, with the KaTeX assets beside them', () => {
    const docs = files.map((f) => f.path).filter((p) => !p.includes('/katex/'));
    expect(docs).toEqual([
      'sample-midterm-review-2026/version-A.html',
      'sample-midterm-review-2026/version-B.html',
      'sample-midterm-review-2026/answer-key.html',
      'sample-midterm-review-2026/answer-key.csv',
      'sample-midterm-review-2026/solutions.html',
    ]);
    expect(byPath.has('sample-midterm-review-2026/katex/katex.min.css')).toBe(true);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
  });

  it('renders offline: the linked stylesheet and every font it names are in the set, nothing remote', () => {
    const css = byPath.get('sample-midterm-review-2026/katex/katex.min.css') as string;
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBe(20);
    for (const font of fonts) {
      const content = byPath.get(`sample-midterm-review-2026/katex/${font}`);
      expect(content, font).toBeInstanceOf(Uint8Array);
      // A woff2 file starts with the signature "wOF2".
      expect(new TextDecoder().decode((content as Uint8Array).slice(0, 4))).toBe('wOF2');
    }
    for (const [path, content] of byPath) {
      if (!path.endsWith('.html')) continue;
      const html = content as string;
      expect(html, path).toContain('<link rel="stylesheet" href="katex/katex.min.css">');
      expect(html).not.toMatch(
        /(?:src|href)="(?:https?:)?\/\/|url\((?:https?:)?\/\/|@import|<script/,
      );
    }
  });

  it('refuses a slug that is not a safe folder name', () => {
    expect(() => toHtmlFiles({ ...exam, slug: '../etc' })).toThrow(HtmlExportError);
    expect(() => toHtmlFiles({ ...exam, slug: 'a/b' })).toThrow(/not a safe folder name/);
  });

  it('takes the KaTeX files from the caller when given (a browser bundle has no katex package files)', () => {
    const assets = [{ path: 'katex/katex.min.css', content: '.katex{}' }];
    const withAssets = toHtmlFiles(exam, { assets });
    expect(withAssets.filter((f) => f.path.includes('/katex/'))).toEqual([
      { path: 'sample-midterm-review-2026/katex/katex.min.css', content: '.katex{}' },
    ]);
  });

  it('passes the paper option to every document', () => {
    const letter = toHtmlFiles(exam, { paper: 'letter' }).filter((f) => f.path.endsWith('.html'));
    for (const f of letter) expect(f.content as string, f.path).toContain('size: letter;');
  });
});

describe('katexAssets', () => {
  it('ships only woff2 fonts and a stylesheet that names only those', () => {
    const assets = katexAssets();
    const css = assets[0]!.content as string;
    expect(assets[0]!.path).toBe('katex/katex.min.css');
    expect(css).toContain('.katex{');
    expect(css).not.toMatch(/\.woff\)|\.ttf\)/);
    expect(assets.slice(1).every((a) => /^katex\/fonts\/KaTeX_[\w-]+\.woff2$/.test(a.path))).toBe(
      true,
    );
  });
});
