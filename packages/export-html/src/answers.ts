import { formatDecimal, formatFixed, formatInt, toScientific } from '@dlexam/math';
import type { Answer, NumericAnswer, TableCell, Variant } from '@dlexam/types';
import { HtmlExportError } from './errors.js';
import { escapeHtml } from './escape.js';
import { richTextToInlineHtml } from './rich-text-html.js';

/** Answer forms shared by the answer key, the CSV and the solutions booklet. */

/** Option labels: A … Z, then AA, AB … */
export function letter(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

/** FNV-1a, 32 bit: a stable hash of the variant's identity for the matching order. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The order in which a matching question lists its right-hand items (pair answers, then
 * distractors, shuffled). Returns, for each displayed position, the index into
 * `[...pairs.map(p => p.answer), ...distractors]`. Derived from the variant's template and seed so
 * the student copy and the answer key always agree, and never the identity order when more than one
 * item exists (listing answers in prompt order would give the matching away).
 */
export function matchingOrder(variant: Variant): number[] {
  if (variant.answer.kind !== 'matching')
    throw new HtmlExportError(`${variant.templateId}: not a matching question`);
  const n = variant.answer.pairs.length + variant.answer.distractors.length;
  const order = Array.from({ length: n }, (_, i) => i);
  let state = hash32(`${variant.templateId}|${variant.seed}`) || 1;
  const next = () => {
    // xorshift32: a tiny deterministic stream; the quality needed here is "not the identity".
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  if (n > 1 && order.every((v, i) => v === i)) order.push(order.shift() as number);
  return order;
}

/** The letter each matching prompt's answer carries in the student copy, in prompt order. */
export function matchingLetters(variant: Variant): string[] {
  if (variant.answer.kind !== 'matching')
    throw new HtmlExportError(`${variant.templateId}: not a matching question`);
  const order = matchingOrder(variant);
  return variant.answer.pairs.map((_, i) => letter(order.indexOf(i)));
}

function trimMantissa(m: string): string {
  return m.includes('.') ? m.replace(/\.?0+$/, '') : m;
}

/** A plain decimal string as HTML with a typographic minus. */
function decimalHtml(s: string): string {
  return escapeHtml(s.replace(/^-/, '\u2212'));
}

function scientificForms(mantissa: string, exponent: number): { html: string; plain: string } {
  const e = formatInt(exponent);
  return {
    html: `${decimalHtml(mantissa)} × 10<sup>${decimalHtml(e)}</sup>`,
    plain: `${mantissa} × 10^${e}`,
  };
}

/** A tolerance in plain decimals, or in scientific form when it is very large or very small. */
function toleranceForms(tol: number): { html: string; plain: string } {
  if (tol >= 1e6 || tol < 1e-4) {
    const { mantissa, exponent } = toScientific(tol, 3);
    return scientificForms(trimMantissa(mantissa), exponent);
  }
  const s = formatDecimal(tol, 10);
  return { html: decimalHtml(s), plain: s };
}

/** The value of a numeric answer as stated (decimals or significant figures), HTML and plain. */
export function numericValueForms(n: NumericAnswer): { html: string; plain: string } {
  if (!Number.isFinite(n.value))
    throw new HtmlExportError(`numeric answer ${n.value} is not finite`);
  if (n.sigFigs !== undefined) {
    const { mantissa, exponent } = toScientific(n.value, n.sigFigs);
    return scientificForms(mantissa, exponent);
  }
  const s = formatFixed(n.value, n.decimals);
  return { html: decimalHtml(s), plain: s };
}

/** A numeric answer with its tolerance and unit: `-0.1192 ± 0.0001`. Plain HTML, no TeX needed. */
export function numericAnswerForms(n: NumericAnswer): { html: string; plain: string } {
  const value = numericValueForms(n);
  let { html, plain } = value;
  if (n.tolerance > 0) {
    const tol = toleranceForms(n.tolerance);
    html += ` ± ${tol.html}`;
    plain += ` ± ${tol.plain}`;
  }
  if (n.unit) {
    html += ` ${escapeHtml(n.unit)}`;
    plain += ` ${n.unit}`;
  }
  return { html, plain };
}

function cellForms(cell: TableCell): { html: string; plain: string } {
  if (cell.type === 'text') return { html: richTextToInlineHtml(cell.text), plain: cell.plain };
  if (cell.type === 'numeric') return numericAnswerForms(cell.answer);
  const option = cell.options[cell.correct];
  if (!option)
    throw new HtmlExportError(`table choice cell: correct index ${cell.correct} out of range`);
  return { html: richTextToInlineHtml(option.text), plain: option.plain };
}

function choiceAt(variant: Variant, index: number) {
  const choice = variant.choices[index];
  if (!choice) {
    throw new HtmlExportError(
      `${variant.templateId} (seed ${variant.seed}): correct index ${index} has no choice`,
    );
  }
  return choice;
}

/** The answer of a variant for graders, as HTML (answer key, solutions) and as one plain line (CSV). */
export function keyAnswer(variant: Variant): { html: string; plain: string } {
  const a: Answer = variant.answer;
  switch (a.kind) {
    case 'numeric':
      return numericAnswerForms(a.numeric);
    case 'single': {
      const c = choiceAt(variant, a.correct);
      return {
        html: `<strong>${letter(a.correct)}</strong>: ${richTextToInlineHtml(c.text)}`,
        plain: `${letter(a.correct)}: ${c.plain}`,
      };
    }
    case 'multiple': {
      if (a.correct.length === 0)
        return { html: '<em>none of the options</em>', plain: 'none of the options' };
      const sorted = [...a.correct].sort((x, y) => x - y);
      return {
        html: `<ul class="key-list">${sorted.map((i) => `<li><strong>${letter(i)}</strong>: ${richTextToInlineHtml(choiceAt(variant, i).text)}</li>`).join('')}</ul>`,
        plain: sorted.map((i) => `${letter(i)}: ${choiceAt(variant, i).plain}`).join('; '),
      };
    }
    case 'matching': {
      const letters = matchingLetters(variant);
      return {
        html: `<ul class="key-list">${a.pairs
          .map(
            (p, i) =>
              `<li>${i + 1}. ${richTextToInlineHtml(p.prompt)} → <strong>${letters[i]}</strong>: ${richTextToInlineHtml(p.answer)}</li>`,
          )
          .join('')}</ul>`,
        plain: a.pairs
          .map((p, i) => `${i + 1} ${p.promptPlain} → ${letters[i]} ${p.answerPlain}`)
          .join('; '),
      };
    }
    case 'short': {
      if (a.accepted.length === 0)
        throw new HtmlExportError(`${variant.templateId}: short answer accepts nothing`);
      const note = a.caseSensitive ? ' (case-sensitive)' : '';
      return {
        html:
          a.accepted.map((s) => `<code>${escapeHtml(s)}</code>`).join(' or ') + escapeHtml(note),
        plain: a.accepted.join(' | ') + note,
      };
    }
    case 'table': {
      const head = `<thead><tr>${a.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = a.rows
        .map(
          (row) =>
            `<tr>${row.map((cell) => `<td${cell.type === 'text' ? '' : ' class="filled"'}>${cellForms(cell).html}</td>`).join('')}</tr>`,
        )
        .join('');
      const plain = a.rows
        .map((row, r) => {
          const label = row[0]?.type === 'text' ? row[0].plain : `row ${r + 1}`;
          const cells = row
            .map((cell, c) =>
              cell.type === 'text'
                ? null
                : `${a.header[c] ?? `column ${c + 1}`} = ${cellForms(cell).plain}`,
            )
            .filter((x): x is string => x !== null);
          return `${label}: ${cells.join(', ')}`;
        })
        .join('; ');
      return { html: `<table class="grid key-grid">${head}<tbody>${body}</tbody></table>`, plain };
    }
  }
}

/** `2 points`, `1 point`, `0.5 points`. */
export function pointsLabel(points: number): string {
  if (!Number.isFinite(points) || points < 0)
    throw new HtmlExportError(`bad points value ${points}`);
  return `${formatDecimal(points, 2)} ${points === 1 ? 'point' : 'points'}`;
}
