import { createRng, type Rng } from '@dlexam/generator';
import type { Exam, Variant } from '@dlexam/types';

/**
 * Simulated classes for tests and benchmarks: students answer a real dlexam exam (some holding a
 * fixed misconception, some at random, one variant made harder on purpose), and their results are
 * written as the LMS exports them, following ../shared/formats/lms-results.md: Moodle's Responses and
 * Grades downloads and Canvas's Student Analysis CSV. Deterministic (seeded streams).
 */

export type Intent =
  | { type: 'right' }
  | { type: 'blank' }
  /** Numeric: a modelled wrong value; single: a tagged distractor; multiple: that distractor alone. */
  | { type: 'misconception'; tag: string; choice: number }
  /** Numeric: a value modelled by no distractor. */
  | { type: 'unmodelled' }
  | { type: 'swap'; a: number; b: number }
  | { type: 'cell'; row: number; col: number };

export interface SimAnswer {
  question: number;
  variant: Variant;
  id: string;
  intent: Intent;
  /** The score the intent earns, computed here from the intent (not by the grading code). */
  score: number;
}

export interface SimStudent {
  key: string;
  first: string;
  last: string;
  profile: string;
  answers: SimAnswer[];
}

export interface SimulateOptions {
  students: number;
  seed: string;
  /** Random draws per slot (Moodle random questions, Canvas groups), or whole versions. */
  mode?: 'random' | 'versions';
  /** Misconception tags some students hold (every exposure answered with it). */
  misconceptions?: string[];
  /** Share of students holding one of them (default 0.3). */
  misconceptionShare?: number;
  /** A variant id made harder on purpose: those who draw it are right with this probability. */
  harder?: { id: string; p: number };
  /** Share of blank answers (default 0.03). */
  blank?: number;
}

function slotVariants(exam: Exam): Map<number, Variant[]> {
  const m = new Map<number, Variant[]>();
  for (const v of exam.versions)
    for (const q of v.questions) {
      const list = m.get(q.number) ?? [];
      if (!list.some((x) => x.templateId === q.variant.templateId && x.seed === q.variant.seed))
        list.push(q.variant);
      m.set(q.number, list);
    }
  return m;
}

/**
 * Whether a tagged option is wrong as typed: a modelled numeric value rounded as asked must differ
 * from the answer by more than its tolerance (a few templates model a mistake whose value lands
 * inside the accepted interval; answering it is not a wrong answer).
 */
function isWrongOption(v: Variant, i: number): boolean {
  const c = v.choices[i]!;
  if (c.correct || !c.misconception) return false;
  if (v.answer.kind !== 'numeric') return true;
  const n = v.answer.numeric;
  const typed = Number(numberText(v, c.value!));
  return Math.abs(typed - n.value) > n.tolerance * (1 + 1e-9) + 1e-12;
}

function wrongIntent(v: Variant, rng: Rng): Intent {
  const a = v.answer;
  const tagged = v.choices.map((c, i) => ({ c, i })).filter(({ i }) => isWrongOption(v, i));
  switch (a.kind) {
    case 'numeric':
    case 'single':
    case 'multiple':
      if (tagged.length) {
        const { c, i } = rng.choice(tagged);
        return { type: 'misconception', tag: c.misconception!, choice: i };
      }
      return a.kind === 'numeric' ? { type: 'unmodelled' } : { type: 'blank' };
    case 'matching': {
      const [x, y] = rng.sample(
        a.pairs.map((_, i) => i),
        2,
      );
      return { type: 'swap', a: Math.min(x!, y!), b: Math.max(x!, y!) };
    }
    case 'table': {
      const blanks: [number, number][] = [];
      a.rows.forEach((r, i) => r.forEach((c, j) => c.type === 'numeric' && blanks.push([i, j])));
      if (!blanks.length) return { type: 'blank' };
      const [row, col] = rng.choice(blanks);
      return { type: 'cell', row, col };
    }
    default:
      return { type: 'blank' };
  }
}

function scoreOf(v: Variant, intent: Intent): number {
  const a = v.answer;
  if (intent.type === 'right') return 1;
  if (intent.type === 'swap' && a.kind === 'matching') return (a.pairs.length - 2) / a.pairs.length;
  if (intent.type === 'cell' && a.kind === 'table') {
    const blanks = a.rows.flat().filter((c) => c.type !== 'text').length;
    return (blanks - 1) / blanks;
  }
  return 0;
}

const LAST = [
  'Adams',
  "O'Brien",
  'Müller',
  'Brown, Jr.',
  'Núñez',
  'Chen',
  'Diaz',
  'Evans',
  'Larsen',
  'Nguyen',
];

/** A class answering `exam`. */
export function simulateClass(exam: Exam, o: SimulateOptions): SimStudent[] {
  const rng = createRng(`analyze-sim/${o.seed}`);
  const pools = slotVariants(exam);
  const tags = o.misconceptions ?? [];
  const out: SimStudent[] = [];
  for (let s = 0; s < o.students; s++) {
    const r = rng.child(`student/${s}`);
    const holds = tags.length && r.bool(o.misconceptionShare ?? 0.3) ? r.choice(tags) : null;
    const ability = 0.35 + 0.6 * r.next();
    const version = exam.versions[r.int(0, exam.versions.length - 1)]!;
    const answers: SimAnswer[] = version.questions.map((q) => {
      const v = o.mode === 'versions' ? q.variant : r.choice(pools.get(q.number)!);
      const id = `${v.templateId}@${v.seed}`;
      let intent: Intent;
      const held = holds
        ? v.choices.findIndex((c, i) => c.misconception === holds && isWrongOption(v, i))
        : -1;
      if (r.bool(o.blank ?? 0.03)) intent = { type: 'blank' };
      else if (held >= 0) intent = { type: 'misconception', tag: holds!, choice: held };
      else if (r.bool(o.harder?.id === id ? o.harder.p : ability)) intent = { type: 'right' };
      else intent = wrongIntent(v, r);
      return { question: q.number, variant: v, id, intent, score: scoreOf(v, intent) };
    });
    const n = String(s + 1).padStart(4, '0');
    out.push({
      key: `student${n}@example.org`,
      first: `Student${n}`,
      last: LAST[s % LAST.length]!,
      profile: holds ? `misconception ${holds}` : 'random',
      answers,
    });
  }
  return out;
}

// ---------- texts as the LMS writes them ----------

/** Rich text as an LMS's html_to_text leaves it: backticks gone, paragraphs as line breaks. */
function lmsText(rich: string): string {
  return rich.replace(/`/g, '').trim();
}

/** Moodle's download cell rule: `\n`, `\r` → three spaces each. */
const moodleCell = (s: string) => s.replace(/\r?\n/g, (m) => '   '.repeat(m.length));

function numberText(v: Variant, x: number): string {
  if (v.answer.kind !== 'numeric') return String(x);
  const n = v.answer.numeric;
  return n.sigFigs ? String(Number(x.toPrecision(n.sigFigs))) : x.toFixed(n.decimals);
}

function moodleQuestion(v: Variant, rng: Rng): string {
  // The exporter puts a figure right after the stem; html_to_text writes an <img> as [alt].
  const stem = lmsText(v.stem) + (v.figure ? `\n\n[${v.figure.alt}]` : '') + '\n';
  const a = v.answer;
  if (a.kind === 'single' || a.kind === 'multiple')
    return moodleCell(stem) + ': ' + rng.shuffle(v.choices.map((c) => lmsText(c.text))).join('; ');
  if (a.kind === 'matching')
    return (
      moodleCell(stem) +
      ` {${rng.shuffle(a.pairs.map((p) => lmsText(p.prompt))).join('; ')}} -> {${rng
        .shuffle([
          ...a.pairs.map((p) => lmsText(p.answer)),
          ...a.distractors.map((d) => lmsText(d.text)),
        ])
        .join('; ')}}`
    );
  if (a.kind === 'table') {
    const rows = a.rows.map(
      (r) => '\t\t' + r.map((c) => (c.type === 'text' ? lmsText(c.text) : '_____')).join('   \t\t'),
    );
    const head = '\t\t' + a.header.map((h) => h.toUpperCase()).join('   \t\t');
    return moodleCell(stem + '\n' + head + '\n\n' + rows.join('\n\n'));
  }
  return moodleCell(stem.trimEnd());
}

/** The response text each LMS exports for an intent, or null for blank. */
export function responseText(
  v: Variant,
  intent: Intent,
  lms: 'moodle' | 'canvas',
  rng: Rng,
): string | null {
  const a = v.answer;
  if (intent.type === 'blank') return null;
  const sep = lms === 'moodle' ? '; ' : ',';
  const canvasEsc = (s: string) =>
    lms === 'canvas' ? s.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=>/g, '\\=>') : s;
  switch (a.kind) {
    case 'numeric': {
      if (intent.type === 'misconception') return numberText(v, v.choices[intent.choice]!.value!);
      if (intent.type === 'unmodelled') {
        // A value no modelled mistake is near: beyond every distractor.
        const far = Math.max(a.numeric.value, ...v.choices.map((c) => c.value ?? 0)) * 3 + 17;
        return numberText(v, far);
      }
      return numberText(v, a.numeric.value);
    }
    case 'single': {
      const i = intent.type === 'misconception' ? intent.choice : a.correct;
      return lmsText(v.choices[i]!.text);
    }
    case 'multiple': {
      const picks = intent.type === 'misconception' ? [intent.choice] : a.correct;
      const texts = picks.map((i) => canvasEsc(lmsText(v.choices[i]!.text)));
      return (lms === 'moodle' ? rng.shuffle(texts) : texts).join(sep);
    }
    case 'matching': {
      const given = a.pairs.map((p) => p.answer);
      if (intent.type === 'swap')
        [given[intent.a], given[intent.b]] = [given[intent.b]!, given[intent.a]!];
      const parts = a.pairs.map((p, i) =>
        lms === 'moodle'
          ? `${lmsText(p.prompt)} -> ${lmsText(given[i]!)}`
          : `${canvasEsc(p.promptPlain)}=>${canvasEsc(a.pairs.find((q) => q.answer === given[i])!.answerPlain)}`,
      );
      return (lms === 'moodle' ? rng.shuffle(parts) : parts).join(sep);
    }
    case 'table': {
      const values: string[] = [];
      a.rows.forEach((r, i) =>
        r.forEach((c, j) => {
          if (c.type === 'numeric') {
            const x =
              c.answer.value +
              (intent.type === 'cell' && intent.row === i && intent.col === j ? 1 : 0);
            values.push(
              c.answer.sigFigs
                ? String(Number(x.toPrecision(c.answer.sigFigs)))
                : x.toFixed(c.answer.decimals),
            );
          } else if (c.type === 'choice') values.push(lmsText(c.options[c.correct]!.text));
        }),
      );
      return lms === 'moodle'
        ? values.map((x, k) => `part ${k + 1}: ${x}`).join('; ')
        : values.map(canvasEsc).join(',');
    }
    default:
      return null;
  }
}

/** CSV as OpenSpout writes it for Moodle: quoted when holding a space, comma or quote. */
function moodleCsv(rows: string[][]): string {
  return (
    '\uFEFF' +
    rows
      .map((r) => r.map((c) => (/[ ,"\t]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
      .join('\n') +
    '\n'
  );
}

/** CSV as Ruby's CSV writes it for Canvas: quoted only when needed, no BOM. */
function rubyCsv(rows: string[][]): string {
  return (
    rows
      .map((r) => r.map((c) => (/[,"\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
      .join('\n') + '\n'
  );
}

const time = (k: number) => {
  const m = 9 * 60 + (k % 50);
  return `4 March 2026  ${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')} AM`;
};

/** The attempt columns Moodle's Responses and Grades downloads both start with. */
const MOODLE_ATTEMPT_COLUMNS = [
  'Last name',
  'First name',
  'Email address',
  'Status',
  'Started',
  'Completed',
  'Duration',
  'Grade/10.00',
] as const;

/** A finished attempt's cells under those columns: 20 minutes, its grade out of 10. */
function moodleAttemptCells(s: SimStudent, k: number, questions: number): string[] {
  const total = s.answers.reduce((t, a) => t + a.score, 0);
  return [
    s.last,
    s.first,
    s.key,
    'Finished',
    time(k),
    time(k + 20),
    '20 mins',
    ((10 * total) / questions).toFixed(2),
  ];
}

/** Moodle 4.5 quiz Responses download (Question, Response, Right answer per slot). */
export function moodleResponsesCsv(students: SimStudent[], seed = 'moodle'): string {
  const Q = students[0]?.answers.length ?? 0;
  const rng = createRng(`analyze-sim-moodle/${seed}`);
  const header: string[] = [...MOODLE_ATTEMPT_COLUMNS];
  for (let q = 1; q <= Q; q++) header.push(`Question ${q}`, `Response ${q}`, `Right answer ${q}`);
  const rows = students.map((s, k) => {
    const row = moodleAttemptCells(s, k, Q);
    for (const a of s.answers) {
      const r = rng.child(`${k}/${a.question}`);
      row.push(
        moodleQuestion(a.variant, r),
        moodleCell(responseText(a.variant, a.intent, 'moodle', r) ?? '-'),
        moodleCell(responseText(a.variant, { type: 'right' }, 'moodle', r) ?? '-'),
      );
    }
    return row;
  });
  return moodleCsv([header, ...rows]);
}

/** Moodle Grades download: `Q. N /m` rescaled to a quiz grade of 10, then `Overall average`. */
export function moodleGradesCsv(students: SimStudent[]): string {
  const Q = students[0]?.answers.length ?? 0;
  const m = 10 / Q;
  const header: string[] = [...MOODLE_ATTEMPT_COLUMNS];
  for (let q = 1; q <= Q; q++) header.push(`Q. ${q} /${m.toFixed(2)}`);
  const rows = students.map((s, k) => [
    ...moodleAttemptCells(s, k, Q),
    ...s.answers.map((a) => (a.intent.type === 'blank' ? '-' : (a.score * m).toFixed(2))),
  ]);
  const avg = (j: number) =>
    (students.reduce((t, s) => t + s.answers[j]!.score * m, 0) / students.length).toFixed(2);
  rows.push([
    'Overall average',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    ...students[0]!.answers.map((_, j) => avg(j)),
  ]);
  return moodleCsv([header, ...rows]);
}

/** Canvas Classic Student Analysis: one column pair per quiz question drawn, newest first. */
export function canvasStudentAnalysisCsv(students: SimStudent[]): string {
  const ids = new Map<string, { qid: number; variant: Variant }>();
  for (const s of students)
    for (const a of s.answers)
      if (!ids.has(a.id)) ids.set(a.id, { qid: 5000 + ids.size + 1, variant: a.variant });
  const header = [
    'name',
    'id',
    'sis_id',
    'section',
    'section_id',
    'section_sis_id',
    'submitted',
    'attempt',
  ];
  for (const { qid, variant } of ids.values())
    header.push(`${qid}: ${lmsText(variant.stem)}`, '1.0');
  header.push('n correct', 'n incorrect', 'score');
  const rng = createRng('analyze-sim-canvas');
  const rows = students.map((s, k) => {
    const row = [
      `${s.first} ${s.last}`,
      String(3000 + k),
      `S${k}`,
      'Section A',
      '88',
      'SEC-A',
      '2025-03-04 10:20:11 UTC',
      '1',
    ];
    for (const id of ids.keys()) {
      const a = s.answers.find((x) => x.id === id);
      if (!a) row.push('', '');
      else
        row.push(
          responseText(a.variant, a.intent, 'canvas', rng) ?? '',
          Number.isInteger(a.score) ? a.score.toFixed(1) : String(a.score),
        );
    }
    const correct = s.answers.filter((a) => a.score > 0).length;
    row.push(
      String(correct),
      String(s.answers.length - correct),
      String(s.answers.reduce((t, a) => t + a.score, 0)),
    );
    return row;
  });
  return rubyCsv([header, ...rows.reverse()]);
}
