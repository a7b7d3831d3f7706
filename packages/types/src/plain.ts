import { parseRichText, type Inline } from './rich-text.js';

/**
 * Plain-text/Unicode fallbacks for places that cannot render TeX (Moodle cloze dropdowns, Canvas
 * dropdown options, CSV answer keys). Covers the TeX the templates emit; unknown commands keep
 * their name without the backslash so nothing is silently dropped.
 */

const SYMBOLS: Record<string, string> = {
  times: '×',
  cdot: '·',
  div: '÷',
  pm: '±',
  mp: '∓',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  ne: '≠',
  neq: '≠',
  approx: '≈',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  gets: '←',
  infty: '∞',
  partial: '∂',
  nabla: '∇',
  sum: 'Σ',
  prod: 'Π',
  in: '∈',
  odot: '⊙',
  otimes: '⊗',
  circ: '∘',
  star: '⋆',
  ast: '∗',
  ldots: '…',
  cdots: '⋯',
  dots: '…',
  mid: '|',
  lvert: '|',
  rvert: '|',
  lfloor: '⌊',
  rfloor: '⌋',
  lceil: '⌈',
  rceil: '⌉',
  langle: '⟨',
  rangle: '⟩',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  psi: 'ψ',
  omega: 'ω',
  Delta: 'Δ',
  Sigma: 'Σ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Phi: 'Φ',
  Omega: 'Ω',
  quad: ' ',
  qquad: '  ',
  ',': ' ',
  ';': ' ',
  '!': '',
  ' ': ' ',
  '{': '{',
  '}': '}',
  '%': '%',
  '&': '&',
  _: '_',
  '#': '#',
  $: '$',
  exp: 'exp',
  log: 'log',
  ln: 'ln',
  top: 'ᵀ',
  intercal: 'ᵀ',
  prime: '′',
  left: '',
  right: '',
  big: '',
  Big: '',
  bigl: '',
  bigr: '',
  displaystyle: '',
  mathrm: '',
  text: '',
  mathbf: '',
  boldsymbol: '',
  operatorname: '',
  textbf: '',
  mathit: '',
  hat: '',
  limits: '',
  lVert: '‖',
  rVert: '‖',
  Vert: '‖',
  // `\|` is the norm's double bar, as `\Vert`: ‖w‖², not the absolute value |w|².
  '|': '‖',
  vert: '|',
  mathcal: '',
  mathbb: '',
  mathsf: '',
  mathtt: '',
  oslash: '⊘',
  oplus: '⊕',
  cup: '∪',
  cap: '∩',
  forall: '∀',
  exists: '∃',
  neg: '¬',
  land: '∧',
  lor: '∨',
  Rightarrow: '⇒',
  iff: '⇔',
  propto: '∝',
  sim: '∼',
  equiv: '≡',
  ell: 'ℓ',
  hbar: 'ℏ',
  lbrace: '{',
  rbrace: '}',
  checkmark: '✓',
};

const LETTERLIKE = /^[\p{L}∂∇∞]$/u;
const OPERATORS = new Set([
  'exp',
  'log',
  'ln',
  'max',
  'min',
  'tanh',
  'sign',
  'softmax',
  'sin',
  'cos',
  'argmax',
  'argmin',
]);

const ACCENTS: Record<string, string> = {
  hat: '\u0302',
  widehat: '\u0302',
  bar: '\u0304',
  overline: '\u0305',
  tilde: '\u0303',
  widetilde: '\u0303',
  vec: '\u20d7',
  dot: '\u0307',
};

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '+': '⁺',
  '-': '⁻',
  '−': '⁻',
  '(': '⁽',
  ')': '⁾',
  n: 'ⁿ',
  i: 'ⁱ',
  T: 'ᵀ',
  t: 'ᵗ',
};
const SUBSCRIPT: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
  '−': '₋',
  '(': '₍',
  ')': '₎',
  i: 'ᵢ',
  j: 'ⱼ',
  t: 'ₜ',
  k: 'ₖ',
  n: 'ₙ',
  m: 'ₘ',
  o: 'ₒ',
  x: 'ₓ',
  h: 'ₕ',
  l: 'ₗ',
  s: 'ₛ',
  p: 'ₚ',
  a: 'ₐ',
  e: 'ₑ',
  r: 'ᵣ',
};

function readGroup(tex: string, i: number): [string, number] {
  while (tex[i] === ' ') i++;
  if (tex[i] === '{') {
    let depth = 1;
    let j = i + 1;
    while (j < tex.length && depth > 0) {
      if (tex[j] === '\\') j++;
      else if (tex[j] === '{') depth++;
      else if (tex[j] === '}') depth--;
      j++;
    }
    return [tex.slice(i + 1, j - 1), j];
  }
  if (tex[i] === '\\') {
    let j = i + 1;
    while (j < tex.length && /[A-Za-z]/.test(tex[j] as string)) j++;
    if (j === i + 1) j++;
    return [tex.slice(i, j), j];
  }
  return [tex[i] ?? '', i + 1];
}

function script(body: string, table: Record<string, string>, mark: string): string {
  const plain = texToPlain(body);
  if (plain === 'ᵀ' || plain === '′') return plain;
  if ([...plain].every((ch) => table[ch] !== undefined)) {
    return [...plain].map((ch) => table[ch]).join('');
  }
  return plain.length === 1 ? `${mark}${plain}` : `${mark}(${plain})`;
}

/**
 * Whether a relation or binary operator starts at `k` (`>`, `=`, `+`, `\leq`, `\cdot`, …), which
 * keeps the space a letter-like symbol before it was written with: `\eta > 0` → η > 0, where
 * `\lambda w` → λw.
 */
function spacedOperatorAt(tex: string, k: number): boolean {
  const c = tex[k];
  if (c === undefined) return false;
  if ('<>=+-*/|:'.includes(c)) return true;
  if (c !== '\\') return false;
  let j = k + 1;
  while (j < tex.length && /[A-Za-z]/.test(tex[j] as string)) j++;
  const symbol = SYMBOLS[tex.slice(k + 1, j)];
  return symbol !== undefined && !LETTERLIKE.test(symbol);
}

/** Converts a TeX fragment to readable Unicode text (`\frac{a}{b}` → `a/b`, `x^2` → `x²`). */
export function texToPlain(tex: string): string {
  let out = '';
  let i = 0;
  while (i < tex.length) {
    const ch = tex[i] as string;
    if (ch === '\\') {
      let j = i + 1;
      while (j < tex.length && /[A-Za-z]/.test(tex[j] as string)) j++;
      if (j === i + 1) j++;
      const name = tex.slice(i + 1, j);
      i = j;
      if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
        const [num, a] = readGroup(tex, i);
        const [den, b] = readGroup(tex, a);
        i = b;
        const n = texToPlain(num);
        const d = texToPlain(den);
        const wrap = (s: string) =>
          /^[\p{L}\p{N}.′∂∇\u0300-\u036f\u2070-\u209f]+$/u.test(s) ? s : `(${s})`;
        out += `${wrap(n)}/${wrap(d)}`;
      } else if (name === 'operatorname' || OPERATORS.has(name)) {
        // Operator names keep the thin space TeX puts before them: λ sign(w), 2 log x.
        let op = name;
        if (name === 'operatorname') {
          const [body, a] = readGroup(tex, i);
          i = a;
          op = texToPlain(body);
        }
        out += (/[\p{L}\p{N})]$/u.test(out) ? ' ' : '') + op;
      } else if (name in ACCENTS) {
        // \hat{m} → m̂: a combining mark after a single symbol, a prefix mark otherwise.
        const [body, a] = readGroup(tex, i);
        i = a;
        const b = texToPlain(body);
        out += [...b].length === 1 ? b + ACCENTS[name] : `${b}${ACCENTS[name]}`;
      } else if (name === 'sqrt') {
        const [body, a] = readGroup(tex, i);
        i = a;
        const b = texToPlain(body);
        out += /^[\w.]+$/u.test(b) ? `√${b}` : `√(${b})`;
      } else if (name === 'begin' || name === 'end') {
        const [env, a] = readGroup(tex, i);
        i = a;
        if (name === 'begin' && /matrix/.test(env)) out += '[';
        if (name === 'end' && /matrix/.test(env)) out += ']';
        if (/array/.test(env) && name === 'begin') i = readGroup(tex, i)[1];
      } else if (name in SYMBOLS) {
        out += SYMBOLS[name];
        // TeX drops the space after a control word; keep it dropped after letter-like symbols
        // that juxtapose with what follows (\partial f → ∂f, \lambda \|w\| → λ‖w‖, \sigma ^2 → σ²),
        // but not before a relation or operator (\eta > 0 → η > 0) nor after an operator symbol
        // (a \times b → a × b).
        if (LETTERLIKE.test(SYMBOLS[name] as string)) {
          let k = i;
          while (tex[k] === ' ') k++;
          if (!spacedOperatorAt(tex, k)) i = k;
        }
      } else if (name === '\\') {
        out = out.trimEnd() + '; ';
      } else {
        out += name;
      }
    } else if (ch === '^' || ch === '_') {
      const [body, a] = readGroup(tex, i + 1);
      i = a;
      let s = ch === '^' ? script(body, SUPERSCRIPT, '^') : script(body, SUBSCRIPT, '_');
      // A one-character fallback (`e^y`) joined to a following factor would read as one script
      // (e^yx² for e^{y}x^2): bracket it then (e^(y)x²).
      if (
        s.length === 2 &&
        (s[0] === '^' || s[0] === '_') &&
        /^[\p{L}\p{N}\\]/u.test(tex.slice(i, i + 1))
      )
        s = `${s[0]}(${s[1]})`;
      out += s;
    } else if (ch === '{' || ch === '}') {
      i++;
    } else if (ch === '&') {
      out = out.trimEnd() + ', ';
      i++;
    } else if (ch === '~') {
      out += ' ';
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

function inlineToPlain(children: Inline[]): string {
  return children
    .map((c) => (c.type === 'math' ? texToPlain(c.tex) : c.value))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Converts rich text to plain Unicode text, paragraphs separated by blank lines. */
export function richTextToPlain(source: string): string {
  // Most option texts are one plain line: no math, code, lists or paragraphs to parse.
  if (!/[\\`\n]/.test(source) && !source.trimStart().startsWith('- '))
    return source.replace(/\s+/g, ' ').trim();
  return parseRichText(source)
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return inlineToPlain(b.children);
        case 'list':
          return b.items.map((it) => `• ${inlineToPlain(it)}`).join('\n');
        case 'display-math':
          return texToPlain(b.tex);
        case 'code-block':
          return b.value;
      }
    })
    .join('\n\n');
}
