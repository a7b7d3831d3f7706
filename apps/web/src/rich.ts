import { useEffect, useState } from 'preact/hooks';
import { parseRichText, texToPlain, type Inline } from '@dlexam/types';

/**
 * Rich text on the practice page. KaTeX (its JavaScript about 80 KB gzip, more than everything else
 * the first question needs) is not part of the first load: until it arrives the math reads as the
 * same Unicode text the LMS exports use for dropdowns (`texToPlain`: `\frac{n-k}{s}` → `(n-k)/s`,
 * `x^2` → `x²`), so the question is readable at once; `loadKatex()` (called once the first question
 * is on screen, `main.ts`) fetches KaTeX, and every `useRich()` component renders again typeset.
 */

type Render = (text: string) => string;

let typeset: Render | null = null;
let loading: Promise<void> | null = null;
const waiting = new Set<() => void>();

/** Fetches KaTeX (once); the rich text on screen is typeset when it arrives. */
export function loadKatex(): Promise<void> {
  loading ??= import('./rich-katex.js').then((m) => {
    typeset = m.richTextToHtml;
    performance.mark('dlexam:math-typeset');
    for (const f of [...waiting]) f();
  });
  return loading;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function inlinePlain(runs: Inline[]): string {
  let out = '';
  for (const run of runs) {
    if (run.type === 'text') out += escapeHtml(run.value);
    else if (run.type === 'code') out += `<code>${escapeHtml(run.value)}</code>`;
    else out += `<span class="math-plain">${escapeHtml(texToPlain(run.tex))}</span>`;
  }
  return out;
}

/** Rich text as block HTML with the math as Unicode text (the same blocks KaTeX's version has). */
export function richTextToPlainHtml(text: string): string {
  let out = '';
  for (const block of parseRichText(text)) {
    if (block.type === 'paragraph') out += `<p>${inlinePlain(block.children)}</p>`;
    else if (block.type === 'list')
      out += `<ul>${block.items.map((it) => `<li>${inlinePlain(it)}</li>`).join('')}</ul>`;
    else if (block.type === 'display-math')
      out += `<div class="math-display math-plain">${escapeHtml(texToPlain(block.tex))}</div>`;
    else out += `<pre><code>${escapeHtml(block.value)}</code></pre>`;
  }
  return out;
}

/** The rich-text renderer of the moment (KaTeX once loaded); re-renders the caller when it changes. */
export function useRich(): Render {
  const [, set] = useState(0);
  const plain = !typeset;
  useEffect(() => {
    const f = () => set((n) => n + 1);
    // KaTeX may have arrived between this render and its effect.
    if (typeset) return void (plain && f());
    waiting.add(f);
    return () => void waiting.delete(f);
  }, [plain]);
  return typeset ?? richTextToPlainHtml;
}
