/**
 * Test-side reader of Moodle XML: parses the document back the way Moodle's importer reads it
 * (CDATA and text merged, attributes kept), and re-implements Moodle's Cloze answer extraction
 * (`qtype_multianswer_extract_question`, question/type/multianswer/questiontype.php) so tests can
 * check what Moodle would store.
 */
import { XMLParser } from 'fast-xml-parser';
import { decodeEntities, importerXmlOptions } from '@dlexam/types/testing';
import { validateXML } from 'xmllint-wasm';

export interface ParsedQuestion {
  '@_type': string;
  [key: string]: unknown;
}

const ARRAYS = new Set(['question', 'answer', 'subquestion', 'tag', 'file']);

const parser = new XMLParser(importerXmlOptions('@_', (name) => ARRAYS.has(name)));

/** Every `<question>` of a `<quiz>` document, in order. */
export function readQuiz(xml: string): ParsedQuestion[] {
  const doc = parser.parse(xml) as { quiz?: { question?: ParsedQuestion[] } };
  if (!doc.quiz) throw new Error('no <quiz> root');
  return doc.quiz.question ?? [];
}

/** The string content of `<el><text>…</text></el>` ('' when empty), trimmed as Moodle's getpath() does. */
export function textOf(el: unknown): string {
  if (el === undefined || el === null) return '';
  if (typeof el === 'string') return el.trim();
  const t = (el as { text?: unknown }).text;
  if (t === undefined || t === null) return '';
  if (typeof t === 'string') return t.trim();
  return String((t as { '#text'?: unknown })['#text'] ?? '').trim();
}

export function field(q: ParsedQuestion, name: string): string {
  const v = q[name];
  if (v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object' && v !== null && '#text' in v) return String(v['#text']).trim();
  return textOf(v);
}

export function answersOf(
  q: ParsedQuestion,
): { fraction: string; text: string; feedback: string; tolerance: string }[] {
  const list = (q.answer ?? []) as Record<string, unknown>[];
  return list.map((a) => ({
    fraction: String(a['@_fraction']),
    text: textOf(a),
    feedback: textOf(a.feedback),
    tolerance: typeof a.tolerance === 'string' ? a.tolerance.trim() : '',
  }));
}

/** libxml2's verdict on well-formedness. */
export async function wellFormed(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: { fileName: 'quiz.xml', contents: xml },
    normalization: 'c14n',
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

/** What a browser shows for an HTML fragment: tags dropped, references decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

export interface ClozePart {
  type: 'numerical' | 'multichoice';
  weight: string;
  alternatives: { fraction: number; answer: string; feedback: string; tolerance?: string }[];
}

// Moodle 4.5's regexes, transcribed (PHP single-quoted `\\\\` is one escaped backslash).
const FRACTION = '=|%(-?[0-9]+(?:[.,][0-9]*)?)%';
const ANSWER = '.+?(?<!\\\\|&|&amp;)(?=[~#}]|$)';
const FEEDBACK = '.*?(?<!\\\\)(?=[~}]|$)';
const ALTERNATIVE = `(${FRACTION})?(${ANSWER})(#(${FEEDBACK}))?`;
const TYPES = '(NUMERICAL|NM)|(MULTICHOICE|MC)';
const START = `\\{([0-9]*):(${TYPES}):`;
const ANSWER_REGEX = new RegExp(`${START}(${ALTERNATIVE}(~${ALTERNATIVE})*)\\}`, 's');
const NUMBER = '-?(([0-9]+[.,]?[0-9]*|[.,][0-9]+)([eE][-+]?[0-9]+)?)';
const NUMERICAL_ALTERNATIVE = new RegExp(`^(${NUMBER})(:${NUMBER})?$`, 's');

/** Moodle's extraction of embedded answers; returns the parts and the text left around them. */
export function extractCloze(questionText: string): { parts: ClozePart[]; remaining: string } {
  const parts: ClozePart[] = [];
  let text = questionText;
  for (let key = 1; ; key++) {
    const m = ANSWER_REGEX.exec(text);
    if (!m) break;
    const type = m[3] ? 'numerical' : 'multichoice';
    const part: ClozePart = { type, weight: m[1] ?? '', alternatives: [] };
    let remaining = m[5] as string; // group 5: all alternatives (16 in Moodle, which lists more types)
    const alt = new RegExp(`~?${ALTERNATIVE}`, 's');
    for (;;) {
      const a = alt.exec(remaining);
      if (!a) break;
      const fraction = a[1] === '=' ? 1 : a[2] ? 0.01 * Number(a[2].replace(',', '.')) : 0;
      const unescape = (s: string) => decodeEntities(s).replace(/\\\}/g, '}').replace(/\\#/g, '#');
      const feedback = a[5] === undefined ? '' : unescape(a[5]);
      const numeric = type === 'numerical' ? NUMERICAL_ALTERNATIVE.exec(a[3] as string) : null;
      if (numeric) {
        part.alternatives.push({
          fraction,
          answer: numeric[1] as string,
          feedback,
          tolerance: numeric[6] ?? '0',
        });
      } else {
        part.alternatives.push({ fraction, answer: unescape(a[3] as string), feedback });
      }
      const at = remaining.indexOf(a[0]);
      remaining = remaining.slice(at + a[0].length);
      if (!remaining) break;
    }
    parts.push(part);
    text = text.replace(m[0], `{#${key}}`);
  }
  return { parts, remaining: text };
}
