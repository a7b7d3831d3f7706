import type { QuestionKind } from '@dlexam/types';
import { AnalyzeError } from './errors.js';
import { indexExam, type ExamIndex, type ExamItem } from './exam.js';
import { joinResults, readText, type InputFile, type JoinedResults } from './lms.js';
import {
  gradeResponse,
  type ErrorDetail,
  type GradedResponse,
  type Lms,
  type Outcome,
} from './responses.js';
import {
  chiSquareTest,
  correlation,
  cronbachAlpha,
  discriminativeEfficiency,
  fisherExactRx2,
  kr20,
  kruskalWallis,
  mean,
  sd,
  upperLower,
  wilson,
  type TestResult,
} from './stats.js';

export interface AnalyzeOptions {
  /** Where the web app's practice coach lives; links are `<base>#/practice/<template>/<seed>`. */
  practiceBase?: string;
  /** Flag thresholds (defaults: too easy > 0.9, too hard < 0.3, low discrimination < 0.2, α = 0.05, an unchosen option flagged from 10 responses). */
  thresholds?: Partial<Thresholds>;
}

export interface Thresholds {
  tooEasy: number;
  tooHard: number;
  lowDiscrimination: number;
  alpha: number;
  /** Responses a variant needs before an option nobody chose is flagged. */
  minResponses: number;
}

const DEFAULT_THRESHOLDS: Thresholds = {
  tooEasy: 0.9,
  tooHard: 0.3,
  lowDiscrimination: 0.2,
  alpha: 0.05,
  minResponses: 10,
};

/** Item statistics computed from one set of marks (dlexam's grading, or the LMS's). */
export interface ItemIndices {
  /** Proportion of the marks earned (Moodle's facility / 100). */
  facility: number;
  sd: number;
  /** Corrected item–total (item–rest) correlation = Moodle's discrimination index / 100. */
  discrimination: number | null;
  /** Uncorrected point-biserial: correlation with the total including the item. */
  pointBiserial: number | null;
  /** Moodle's discriminative efficiency / 100. */
  efficiency: number | null;
  /** p(top 27 %) − p(bottom 27 %). */
  upperLower: number | null;
}

export interface OptionCount {
  label: string;
  correct: boolean;
  misconception?: string;
  count: number;
}

export interface QuestionStats extends ItemIndices {
  question: number;
  slot: number;
  slotName: string;
  points: number;
  n: number;
  counts: Record<Outcome, number>;
  flags: string[];
  /** The same indices from the LMS's own marks (Moodle Grades download, Canvas points). */
  lms?: ItemIndices;
}

export interface VariantStats {
  id: string;
  templateId: string;
  seed: string;
  kind: QuestionKind;
  title: string;
  questions: number[];
  versions: string[];
  n: number;
  facility: number | null;
  /** Correlation of the item with the full total (Moodle's per-question sub-rows). */
  discrimination: number | null;
  counts: Record<Outcome, number>;
  options: OptionCount[];
  flags: string[];
  lms?: { facility: number | null; discrimination: number | null };
}

export interface TemplateStats {
  templateId: string;
  title: string;
  variants: number;
  n: number;
  facility: number | null;
  discrimination: number | null;
  /** Responses matching each misconception, most frequent first. */
  misconceptions: { tag: string; count: number }[];
  flags: string[];
}

export interface MisconceptionStats {
  tag: string;
  /** Students whose responses match it at least once. */
  students: number;
  occurrences: number;
  /** Share of the students who saw a question that models it. */
  share: number;
  feedback: string;
  templates: string[];
  questions: number[];
  practice: string;
}

export interface FairnessStats {
  question: number;
  slotName: string;
  variants: {
    id: string;
    n: number;
    correct: number;
    p: number;
    ci: [number, number];
    mean: number;
  }[];
  /** variant × right/wrong: Fisher exact when an expected count is below 5 (and the table is small), else χ². */
  test: TestResult;
  /** Scores by variant (partial marks): Kruskal–Wallis. */
  scores: TestResult;
  flagged: boolean;
  verdict: string;
}

export interface ResponseRow {
  student: string;
  name: string;
  question: number;
  item: string;
  templateId: string;
  text: string | null;
  outcome: Outcome;
  score: number;
  lmsMark: number | null;
  misconceptions: string[];
  details: ErrorDetail[];
}

export interface Analysis {
  schema: 'dlexam.analysis/1';
  exam: {
    title: string;
    seed: string;
    slug: string;
    questions: number;
    versions: number;
    maxTotal: number;
  };
  source: {
    lms: Lms;
    results: string;
    grades: string | null;
    encoding: string;
    skipped: JoinedResults['skipped'];
    warnings: string[];
  };
  test: {
    students: number;
    meanTotal: number;
    sdTotal: number;
    alpha: number | null;
    kr20: number | null;
    sem: number | null;
    lms?: { alpha: number | null; sem: number | null; meanTotal: number; sdTotal: number };
    versions?: { test: TestResult; groups: { version: string; n: number; mean: number }[] };
  };
  questions: QuestionStats[];
  variants: VariantStats[];
  templates: TemplateStats[];
  misconceptions: MisconceptionStats[];
  fairness: FairnessStats[];
  students: {
    key: string;
    name: string;
    line: number;
    total: number;
    lmsTotal: number | null;
    version: string | null;
  }[];
  responses: ResponseRow[];
}

export interface AnalyzeInput {
  /** The exam JSON: a file, or the parsed object. */
  exam: InputFile | { name: string; json: unknown };
  results: InputFile;
  grades?: InputFile;
}

function parseExamInput(input: AnalyzeInput['exam']): ExamIndex {
  if ('json' in input) return indexExam(input.json, input.name);
  const { text } = readText(input);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new AnalyzeError(
      `not valid JSON (${(e as Error).message.split('\n')[0]}); expected the <exam>.exam.json dlexam wrote`,
      input.name,
      line,
    );
  }
  return indexExam(json, input.name);
}

const zeroCounts = (): Record<Outcome, number> => ({ correct: 0, partly: 0, wrong: 0, blank: 0 });

function indices(x: number[], totals: number[], max: number): ItemIndices {
  const rest = totals.map((t, i) => t - (x[i] as number));
  return {
    facility: max > 0 ? mean(x) / max : NaN,
    sd: max > 0 ? sd(x) / max : NaN,
    discrimination: correlation(x, rest),
    pointBiserial: correlation(x, totals),
    efficiency: discriminativeEfficiency(x, rest),
    upperLower:
      max > 0
        ? upperLower(
            x.map((v) => v / max),
            totals,
          )
        : null,
  };
}

/** Each question's marks (dlexam's and, when the export has them, the LMS's) and the totals. */
interface MarkTable {
  points: number[];
  /** marks[question][student] */
  marks: number[][];
  totals: number[];
  lmsMarks: number[][] | null;
  lmsTotals: number[] | null;
}

/**
 * The whole analysis: reads the exam and the LMS export, joins every response to its variant,
 * grades it with dlexam's model, and computes item, template, misconception and fairness
 * statistics. Throws `AnalyzeError` on bad input before anything is produced.
 */
export function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): Analysis {
  const th = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const index = parseExamInput(input.exam);
  const joined = joinResults(index, input.results, input.grades);

  const graded = gradeAll(index, joined);
  warnDroppedBlanks(graded, joined.warnings);
  const table = markTable(index, joined, graded);
  const questions = questionStats(index, graded, table, th);
  const variants = variantStats(index, joined, graded, table, th);
  const templates = templateStats(joined, graded, table, th);
  const misconceptions = classMisconceptions(joined, graded, options.practiceBase ?? '');
  const fairness = index.questions.map((q, j) =>
    fairnessOf(q.number, q.slotName, joined, graded, j, th.alpha),
  );
  const students = studentRows(joined, table.totals);
  const test = testStats(index, table, students);
  const responses = responseRows(joined, graded);
  return {
    schema: 'dlexam.analysis/1',
    exam: {
      title: index.exam.title,
      seed: index.exam.seed,
      slug: index.exam.slug,
      questions: index.questions.length,
      versions: index.exam.versions.length,
      maxTotal: table.points.reduce((s, p) => s + p, 0),
    },
    source: {
      lms: joined.lms,
      results: joined.file,
      grades: input.grades?.name ?? null,
      encoding: joined.encoding,
      skipped: joined.skipped,
      warnings: joined.warnings,
    },
    test,
    questions,
    variants,
    templates,
    misconceptions,
    fairness,
    students,
    responses,
  };
}

/** Grades every response (identical responses to a variant are graded once): graded[student][question]. */
function gradeAll(index: ExamIndex, joined: JoinedResults): GradedResponse[][] {
  const memo = new Map<ExamItem, Map<string, GradedResponse>>();
  return joined.students.map((s) =>
    s.answers.map((a) => {
      let m = memo.get(a.item);
      if (!m) memo.set(a.item, (m = new Map()));
      const k = a.text ?? '\u0000blank';
      let g = m.get(k);
      if (!g) {
        const grading = index.exam.slots.find((x) => x.index === a.item.slot)?.grading;
        m.set(k, (g = gradeResponse(a.item.variant, a.text, joined.lms, grading)));
      }
      return g;
    }),
  );
}

function warnDroppedBlanks(graded: GradedResponse[][], warnings: string[]): void {
  const dropped = graded.flat().filter((g) => g.notes?.includes('canvas-dropped-blanks')).length;
  if (dropped)
    warnings.push(
      `${dropped} fill-in-the-blanks response(s) had fewer values than blanks (Canvas drops empty blanks); their values were placed in order, so cells after a gap may be misplaced`,
    );
}

function markTable(index: ExamIndex, joined: JoinedResults, graded: GradedResponse[][]): MarkTable {
  const hasLms = joined.students.every((s) => s.answers.every((a) => a.lmsMark !== null));
  const points = index.questions.map((q) => q.points);
  const marks = index.questions.map((_, j) =>
    graded.map((row) => (row[j] as GradedResponse).score * (points[j] as number)),
  );
  const totals = graded.map((_, i) => marks.reduce((s, col) => s + (col[i] as number), 0));
  const lmsMarks = hasLms
    ? index.questions.map((_, j) =>
        joined.students.map((s) => (s.answers[j]!.lmsMark as number) * (points[j] as number)),
      )
    : null;
  const lmsTotals = lmsMarks
    ? joined.students.map((_, i) => lmsMarks.reduce((s, col) => s + (col[i] as number), 0))
    : null;
  return { points, marks, totals, lmsMarks, lmsTotals };
}

function questionStats(
  index: ExamIndex,
  graded: GradedResponse[][],
  { marks, totals, lmsMarks, lmsTotals }: MarkTable,
  th: Thresholds,
): QuestionStats[] {
  return index.questions.map((q, j) => {
    const counts = zeroCounts();
    for (const row of graded) counts[(row[j] as GradedResponse).outcome]++;
    const st = indices(marks[j] as number[], totals, q.points);
    const flags: string[] = [];
    if (st.facility > th.tooEasy) flags.push('too easy');
    if (st.facility < th.tooHard) flags.push('too hard');
    if (st.discrimination !== null && st.discrimination < 0) flags.push('negative discrimination');
    else if (st.discrimination !== null && st.discrimination < th.lowDiscrimination)
      flags.push('low discrimination');
    return {
      question: q.number,
      slot: q.slot,
      slotName: q.slotName,
      points: q.points,
      n: graded.length,
      ...st,
      counts,
      flags,
      ...(lmsMarks && lmsTotals
        ? { lms: indices(lmsMarks[j] as number[], lmsTotals, q.points) }
        : {}),
    };
  });
}

function variantStats(
  index: ExamIndex,
  joined: JoinedResults,
  graded: GradedResponse[][],
  { points, totals, lmsMarks, lmsTotals }: MarkTable,
  th: Thresholds,
): VariantStats[] {
  const variantRows = new Map<ExamItem, { i: number; j: number }[]>();
  joined.students.forEach((s, i) =>
    s.answers.forEach((a, j) => {
      const list = variantRows.get(a.item) ?? [];
      list.push({ i, j });
      variantRows.set(a.item, list);
    }),
  );
  return index.items
    .filter((it) => variantRows.has(it))
    .map((it) => {
      const rows = variantRows.get(it)!;
      const v = it.variant;
      const x = rows.map(({ i, j }) => (graded[i]![j] as GradedResponse).score);
      const t = rows.map(({ i }) => totals[i] as number);
      const counts = zeroCounts();
      rows.forEach(({ i, j }) => counts[(graded[i]![j] as GradedResponse).outcome]++);
      const options = optionCounts(
        it,
        rows.map(({ i, j }) => graded[i]![j] as GradedResponse),
      );
      const flags: string[] = [];
      if ((v.kind === 'single' || v.kind === 'multiple') && rows.length >= th.minResponses)
        for (const o of options)
          if (!o.correct && o.count === 0 && o.label !== '(blank)' && o.label !== '(other)')
            flags.push(`distractor nobody chose: “${o.label}”`);
      const lx = lmsMarks
        ? rows.map(({ i, j }) => (lmsMarks[j]![i] as number) / (points[j] as number))
        : null;
      return {
        id: it.id,
        templateId: v.templateId,
        seed: v.seed,
        kind: v.kind,
        title: v.title,
        questions: [...new Set(rows.map(({ j }) => j + 1))].sort((a, b) => a - b),
        versions: it.versions,
        n: rows.length,
        facility: x.length ? mean(x) : null,
        discrimination: correlation(x, t),
        counts,
        options,
        flags,
        ...(lx && lmsTotals
          ? {
              lms: {
                facility: lx.length ? mean(lx) : null,
                discrimination: correlation(
                  lx,
                  rows.map(({ i }) => lmsTotals[i] as number),
                ),
              },
            }
          : {}),
      };
    });
}

/** Templates: every response to any of its variants, against the rest of the total. */
function templateStats(
  joined: JoinedResults,
  graded: GradedResponse[][],
  { points, totals }: MarkTable,
  th: Thresholds,
): TemplateStats[] {
  const byTemplate = new Map<
    string,
    { title: string; x: number[]; rest: number[]; variants: Set<string>; tags: Map<string, number> }
  >();
  joined.students.forEach((s, i) =>
    s.answers.forEach((a, j) => {
      const v = a.item.variant;
      const e = byTemplate.get(v.templateId) ?? {
        title: v.title,
        x: [],
        rest: [],
        variants: new Set<string>(),
        tags: new Map<string, number>(),
      };
      const g = graded[i]![j] as GradedResponse;
      const score = g.score;
      for (const t of g.misconceptions) e.tags.set(t, (e.tags.get(t) ?? 0) + 1);
      e.x.push(score);
      e.rest.push((totals[i] as number) - score * (points[j] as number));
      e.variants.add(a.item.id);
      byTemplate.set(v.templateId, e);
    }),
  );
  return [...byTemplate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([templateId, e]) => {
      const facility = mean(e.x);
      const discrimination = correlation(e.x, e.rest);
      const flags: string[] = [];
      if (facility > th.tooEasy) flags.push('too easy');
      if (facility < th.tooHard) flags.push('too hard');
      if (discrimination !== null && discrimination < 0) flags.push('negative discrimination');
      return {
        templateId,
        title: e.title,
        variants: e.variants.size,
        n: e.x.length,
        facility,
        discrimination,
        misconceptions: [...e.tags.entries()]
          .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
          .map(([tag, count]) => ({ tag, count })),
        flags,
      };
    });
}

function studentRows(joined: JoinedResults, totals: number[]): Analysis['students'] {
  return joined.students.map((s, i) => {
    let common: string[] | null = null;
    for (const a of s.answers)
      common = common ? common.filter((c) => a.item.versions.includes(c)) : [...a.item.versions];
    return {
      key: s.key,
      name: s.name,
      line: s.line,
      total: totals[i] as number,
      lmsTotal: s.lmsTotal,
      version: common && common.length === 1 ? (common[0] as string) : null,
    };
  });
}

/** Exam-level reliability, and the totals by version when each student sat one version. */
function testStats(
  index: ExamIndex,
  { points, marks, totals, lmsMarks, lmsTotals }: MarkTable,
  students: Analysis['students'],
): Analysis['test'] {
  const alpha = cronbachAlpha(marks, totals);
  const sdTotal = sd(totals);
  const test: Analysis['test'] = {
    students: students.length,
    meanTotal: mean(totals),
    sdTotal,
    alpha,
    kr20: kr20(marks, points, totals),
    sem: alpha === null ? null : sdTotal * Math.sqrt(Math.max(0, 1 - alpha)),
  };
  if (lmsMarks && lmsTotals) {
    const la = cronbachAlpha(lmsMarks, lmsTotals);
    const lsd = sd(lmsTotals);
    test.lms = {
      alpha: la,
      sem: la === null ? null : lsd * Math.sqrt(Math.max(0, 1 - la)),
      meanTotal: mean(lmsTotals),
      sdTotal: lsd,
    };
  }
  // Fixed versions (each student's questions all from one version): totals by version.
  if (index.exam.versions.length > 1 && students.every((s) => s.version !== null)) {
    const codes = index.exam.versions
      .map((v) => v.code)
      .filter((c) => students.some((s) => s.version === c));
    const groups = codes.map((c) => students.filter((s) => s.version === c).map((s) => s.total));
    test.versions = {
      test: kruskalWallis(groups),
      groups: codes.map((c, k) => ({ version: c, n: groups[k]!.length, mean: mean(groups[k]!) })),
    };
  }
  return test;
}

function responseRows(joined: JoinedResults, graded: GradedResponse[][]): ResponseRow[] {
  const responses: ResponseRow[] = [];
  joined.students.forEach((s, i) =>
    s.answers.forEach((a, j) => {
      const g = graded[i]![j] as GradedResponse;
      responses.push({
        student: s.key,
        name: s.name,
        question: a.question,
        item: a.item.id,
        templateId: a.item.variant.templateId,
        text: a.text,
        outcome: g.outcome,
        score: g.score,
        lmsMark: a.lmsMark,
        misconceptions: g.misconceptions,
        details: g.details,
      });
    }),
  );
  return responses;
}

function optionCounts(it: ExamItem, rs: GradedResponse[]): OptionCount[] {
  const v = it.variant;
  const a = v.answer;
  const blank = rs.filter((r) => r.outcome === 'blank').length;
  const out: OptionCount[] = [];
  if (a.kind === 'single' || a.kind === 'multiple' || a.kind === 'numeric') {
    v.choices.forEach((c, k) =>
      out.push({
        label: c.plain,
        correct: c.correct,
        ...(c.misconception ? { misconception: c.misconception } : {}),
        count: rs.filter((r) =>
          a.kind === 'numeric' && c.correct ? r.outcome === 'correct' : r.picks.includes(k),
        ).length,
      }),
    );
    const other =
      a.kind === 'numeric'
        ? rs.filter((r) => r.outcome !== 'correct' && r.outcome !== 'blank' && !r.picks.length)
            .length
        : rs.filter((r) => r.details.some((d) => d.type === 'unrecognized')).length;
    out.push({ label: '(other)', correct: false, count: other });
  } else if (a.kind === 'matching') {
    a.pairs.forEach((p, k) => {
      const wrong = rs.filter((r) =>
        r.details.some((d) => d.type === 'pair' && d.prompt === k && d.given !== null),
      );
      const given = new Map<string, number>();
      for (const r of wrong)
        for (const d of r.details)
          if (d.type === 'pair' && d.prompt === k && d.given !== null)
            given.set(d.given, (given.get(d.given) ?? 0) + 1);
      out.push({
        label: `${p.promptPlain} → ${p.answerPlain}`,
        correct: true,
        count: rs.filter(
          (r) =>
            r.outcome !== 'blank' && !r.details.some((d) => d.type === 'pair' && d.prompt === k),
        ).length,
      });
      for (const [g, n] of [...given.entries()].sort(
        (x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1),
      )) {
        const plain =
          a.pairs.find((q) => q.answer === g)?.answerPlain ??
          a.distractors.find((d) => d.text === g)?.plain ??
          g;
        out.push({ label: `${p.promptPlain} → ${plain}`, correct: false, count: n });
      }
    });
  } else if (a.kind === 'table') {
    a.rows.forEach((row, i) =>
      row.forEach((c, j) => {
        if (c.type === 'text') return;
        const wrong = rs.filter((r) =>
          r.details.some((d) => d.type === 'cell' && d.row === i && d.col === j),
        ).length;
        const label = `cell ${i + 1},${j + 1}`;
        out.push({ label: `${label} right`, correct: true, count: rs.length - blank - wrong });
        out.push({ label: `${label} wrong`, correct: false, count: wrong });
      }),
    );
  }
  out.push({ label: '(blank)', correct: false, count: blank });
  return out;
}

function classMisconceptions(
  joined: JoinedResults,
  graded: GradedResponse[][],
  base: string,
): MisconceptionStats[] {
  const info = new Map<
    string,
    {
      students: Set<number>;
      occurrences: number;
      templates: Set<string>;
      questions: Set<number>;
      first: ExamItem;
      exposed: Set<number>;
    }
  >();
  // Who could have shown it: students who saw a variant that models the tag.
  joined.students.forEach((s, i) =>
    s.answers.forEach((a, j) => {
      for (const c of a.item.variant.choices) {
        if (!c.misconception || c.correct) continue;
        const e = info.get(c.misconception) ?? {
          students: new Set(),
          occurrences: 0,
          templates: new Set(),
          questions: new Set(),
          first: a.item,
          exposed: new Set(),
        };
        e.exposed.add(i);
        info.set(c.misconception, e);
      }
      for (const tag of (graded[i]![j] as GradedResponse).misconceptions) {
        const e = info.get(tag)!;
        if (!e.occurrences) e.first = a.item;
        e.students.add(i);
        e.occurrences++;
        e.templates.add(a.item.variant.templateId);
        e.questions.add(a.question);
      }
    }),
  );
  return [...info.entries()]
    .filter(([, e]) => e.occurrences > 0)
    .map(([tag, e]) => {
      const v = e.first.variant;
      const feedback = v.choices.find((c) => c.misconception === tag)?.feedback ?? '';
      return {
        tag,
        students: e.students.size,
        occurrences: e.occurrences,
        share: e.students.size / Math.max(1, e.exposed.size),
        feedback,
        templates: [...e.templates].sort(),
        questions: [...e.questions].sort((a, b) => a - b),
        practice: `${base}#/practice/${encodeURIComponent(v.templateId)}/${encodeURIComponent(v.seed)}?kind=${v.kind}`,
      };
    })
    .sort(
      (a, b) =>
        b.students - a.students || b.occurrences - a.occurrences || (a.tag < b.tag ? -1 : 1),
    );
}

function fairnessOf(
  question: number,
  slotName: string,
  joined: JoinedResults,
  graded: GradedResponse[][],
  j: number,
  alpha: number,
): FairnessStats {
  const by = new Map<string, number[]>();
  joined.students.forEach((s, i) => {
    const id = s.answers[j]!.item.id;
    by.set(id, [...(by.get(id) ?? []), (graded[i]![j] as GradedResponse).score]);
  });
  const ids = [...by.keys()].sort();
  const variants = ids.map((id) => {
    const x = by.get(id)!;
    const correct = x.filter((v) => v >= 1 - 1e-9).length;
    return {
      id,
      n: x.length,
      correct,
      p: correct / x.length,
      ci: wilson(correct, x.length),
      mean: mean(x),
    };
  });
  const table = variants.map((v) => [v.correct, v.n - v.correct] as [number, number]);
  const n = variants.reduce((s, v) => s + v.n, 0);
  const k = variants.reduce((s, v) => s + v.correct, 0);
  const smallExpected = variants.some((v) => (v.n * k) / n < 5 || (v.n * (n - k)) / n < 5);
  let test: TestResult = chiSquareTest(table);
  if (variants.length > 1 && smallExpected) {
    const f = fisherExactRx2(table);
    if (f) test = f;
    else
      test = {
        ...test,
        note: 'expected counts below 5 and too many tables for the exact test: χ² is approximate',
      };
  }
  const partial = [...by.values()].some((x) => x.some((v) => v > 1e-9 && v < 1 - 1e-9));
  const scores: TestResult = partial
    ? kruskalWallis(ids.map((id) => by.get(id)!))
    : { test: 'none', statistic: null, df: null, p: null, note: 'no partial marks' };
  const flagged = (test.p !== null && test.p < alpha) || (scores.p !== null && scores.p < alpha);
  const sorted = [...variants].sort((a, b) => a.mean - b.mean || b.n - a.n);
  const verdict =
    variants.length < 2
      ? 'one variant only'
      : flagged
        ? `variants differ (p = ${fmtP(Math.min(test.p ?? 1, scores.p ?? 1))}); hardest: ${sorted[0]!.id} (${Math.round(sorted[0]!.mean * 100)} % of marks, n = ${sorted[0]!.n})`
        : `no significant difference (p = ${fmtP(test.p ?? 1)}; at n = ${n} that is not proof of equal difficulty)`;
  return { question, slotName, variants, test, scores, flagged, verdict };
}

export function fmtP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
