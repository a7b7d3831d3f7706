import type { ExamItem } from './exam.js';
import { normalizeText } from './text.js';

/**
 * Joining an LMS's question text to the variant it came from. Neither Moodle nor Canvas exports a
 * question's name or id per student, so the text is the key: the variant's stem must begin the
 * LMS text (both normalized), and what follows must hold the variant's own pieces — Moodle's
 * multichoice summary lists exactly its options (`stem : o1; o2; …`, shuffled), a matching summary
 * its prompts and answers, a cloze summary its figure's alt text and fixed table cells.
 */

interface Pieces {
  /** `[alt]`: how Moodle's html_to_text writes the figure that follows the stem. */
  figure: string | null;
  pieces: string[];
  /** Multichoice: the exact length of the options joined by `; `; numeric/short: -1 (nothing follows). */
  exact?: number;
}

const cache = new WeakMap<ExamItem, Pieces>();

function piecesOf(item: ExamItem): Pieces {
  let p = cache.get(item);
  if (p) return p;
  const v = item.variant;
  const a = v.answer;
  const figure = v.figure?.alt ? `[${normalizeText(v.figure.alt)}]` : null;
  if (a.kind === 'single' || a.kind === 'multiple') {
    const pieces = v.choices.map((c) => normalizeText(c.text));
    p = {
      figure,
      pieces,
      exact: pieces.reduce((s, x) => s + x.length, 0) + 2 * (pieces.length - 1),
    };
  } else if (a.kind === 'matching')
    p = {
      figure,
      pieces: [
        ...a.pairs.map((x) => normalizeText(x.prompt)),
        ...a.pairs.map((x) => normalizeText(x.answer)),
        ...a.distractors.map((x) => normalizeText(x.text)),
      ],
    };
  else if (a.kind === 'table') {
    const pieces: string[] = [];
    for (const row of a.rows)
      for (const c of row)
        if (c.type === 'text' && c.text.trim()) pieces.push(normalizeText(c.text));
    p = { figure, pieces };
  } else p = { figure, pieces: [], exact: -1 };
  cache.set(item, p);
  return p;
}

/** Items whose stem begins `text` (normalized) and whose pieces all appear after it. */
export function matchQuestionText(
  text: string,
  candidates: ExamItem[],
  strict: boolean,
): ExamItem[] {
  const t = normalizeText(text);
  const byStem = candidates.filter((i) => t.startsWith(i.stem));
  if (!strict) return byStem;
  return byStem.filter((i) => {
    const { figure, pieces, exact } = piecesOf(i);
    let rest = t.slice(i.stem.length).trimStart();
    if (figure) {
      if (!rest.startsWith(figure)) return false;
      rest = rest.slice(figure.length).trimStart();
    }
    if (!pieces.every((p) => rest.includes(p))) return false;
    if (exact === undefined) return true;
    // Numeric/short: the summary is the question text alone.
    if (exact < 0) return rest === '';
    // Moodle multichoice: `stem : o1; o2; …` holds exactly the variant's options.
    const m = /^: /.exec(rest);
    return m !== null && rest.length - m[0].length === exact;
  });
}
