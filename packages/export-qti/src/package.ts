import { DEFAULT_MULTIPLE_SCORING } from '@dlexam/generator/grading';
import { plainDecimal } from '@dlexam/math';
import {
  examPlan,
  isExamSource,
  plannedQuestion,
  type Exam,
  type ExamHeader,
  type ExamPlan,
  type ExamSource,
  type MultipleScoring,
  type PlannedQuestion,
  type Variant,
} from '@dlexam/types';
import { XmlWriter } from '@dlexam/markup';
import { Zip, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import { attrText, checkXmlText, QtiExportError } from './errors.js';
import { closeRenderCache, openRenderCache, richTextToHtml, type MathStyle } from './html.js';
import { hash8, identSafe } from './ids.js';
import { writeItem, type FigureSink } from './items.js';

/**
 * Package layout (the "QTI .zip" Canvas imports; canvas-lms lib/cc/qti/qti_generator.rb with
 * for_cc=false, gpoore/text2qti qti.py):
 *
 *   imsmanifest.xml
 *   <assessment ident>/<assessment ident>.xml    the QTI 1.2 questestinterop document
 *   <assessment ident>/assessment_meta.xml        Canvas quiz settings
 *   images/<item ident>.svg                       figures, referenced as $IMS-CC-FILEBASE$/images/…
 */

export interface QtiOptions {
  /**
   * 'groups' (default): one quiz, one question group per exam slot picking `count` of all
   * versions' variants, so Canvas draws per student. 'plain': one quiz per version, questions in
   * version order.
   */
  mode?: 'groups' | 'plain';
  /** Plain mode only: the version codes to export (default: every version). */
  versions?: string[];
  /** Canvas `shuffle_answers` (shuffle the options of choice questions); default false. */
  shuffleAnswers?: boolean;
  /** Canvas quiz time limit in whole minutes; default none. */
  timeLimitMinutes?: number;
  /**
   * How numerical answers are written: 'range' (default) is Canvas's "answer in the range",
   * `vargte X−m` and `varlte X+m` as exact decimals, which Classic Quizzes
   * (`NumericalQuestion#correct_answer_parts`, BigDecimal `FlexRange`) and New Quizzes
   * (`withinARange`) read as written. 'margin' is "exact answer with error margin",
   * `or(varequal X, and(vargte X−m, varlte X+m))`: both importers recompute the margin as X minus
   * the lower bound in float arithmetic, so an answer typed exactly at an edge may be refused.
   */
  numericStyle?: 'margin' | 'range';
  /**
   * How TeX is written in question HTML: 'mathjax' (default) keeps `\( … \)` / `\[ … \]`, which
   * Canvas typesets with MathJax; 'canvas-equation-image' writes Canvas's equation-image elements.
   */
  math?: MathStyle;
  /**
   * Indent the XML for people reading the files. Default false: no whitespace between tags,
   * about a third smaller and much faster to write and zip for large exams; Canvas's importer
   * ignores whitespace between elements. Text content is the same either way.
   */
  indent?: boolean;
  /**
   * `toQtiZip` only: the compressor for the zip entries, raw DEFLATE (RFC 1951, no zlib header)
   * of one whole entry, which must give the same bytes for the same input. Default: fflate at
   * level 1, pure JavaScript, so the package runs in browsers. In Node a native compressor is
   * several times faster: `{ deflate: (data) => zlib.deflateRawSync(data, { level: 1 }) }`. The
   * zip then records sizes and CRC in data descriptors (a different but equally valid layout).
   */
  deflate?: RawDeflate;
  /**
   * With `deflate` only: the CRC-32 (ISO-HDLC, as zip records it) of a whole entry's bytes.
   * Default: fflate's, in JavaScript. In Node, `zlib.crc32` (Node ≥ 20.15) is about 10× faster,
   * a tenth of a large export's time.
   */
  crc32?: EntryCrc32;
  /**
   * With `deflate` only: a new raw DEFLATE stream of the same compressor per entry, so that
   * `qtiZipChunks` compresses each entry as it is written instead of whole (the bytes must be
   * those `deflate` gives for the whole entry). `crc32` is then called per piece with the CRC so
   * far. In Node: a `zlib.DeflateRaw` fed synchronously (see the CLI).
   */
  deflateStream?: () => RawDeflateStream;
}

/** Raw DEFLATE of a whole zip entry (see `QtiOptions.deflate`). */
export type RawDeflate = (data: Uint8Array) => Uint8Array;

/**
 * One entry's raw DEFLATE stream (see `QtiOptions.deflateStream`): each call takes the next piece
 * of the entry and returns the compressed bytes ready so far; `final` ends the stream.
 */
export type RawDeflateStream = (data: Uint8Array, final: boolean) => Uint8Array;

/**
 * CRC-32 of a zip entry (see `QtiOptions.crc32`): of a whole entry, or with `previous` (the CRC of
 * the bytes before), of the entry so far, as `zlib.crc32(data, previous)` computes it.
 */
export type EntryCrc32 = (data: Uint8Array, previous?: number) => number;

export interface QtiFile {
  path: string;
  /** UTF-8 text of the file. */
  content: string;
}

const QTI_NS = 'http://www.imsglobal.org/xsd/ims_qtiasiv1p2';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
// Canvas's own exports and text2qti use the Common Cartridge 1.1 spelling of the IMS CP 1.1
// namespace; the element grammar is IMS CP 1.1 (imscp_v1p1.xsd), which the tests check.
const MANIFEST_NS = 'http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1';
const CANVAS_NS = 'http://canvas.instructure.com/xsd/cccv1p0';

/** A fixed local date for every zip entry (fflate encodes local time, so build it locally). */
const ZIP_MTIME = new Date(2000, 0, 1, 0, 0, 0);

const FILEBASE = '$IMS-CC-FILEBASE$';

/**
 * The plan's view of an exam in memory or of an `ExamSource`, whose questions are materialised
 * only when their items are written (and the figures' again when their files are).
 */
function planExam(exam: Exam | ExamSource): ExamPlan {
  if (!isExamSource(exam) && (!exam || !Array.isArray(exam.versions)))
    throw new QtiExportError('exam has no versions');
  return examPlan(exam);
}

interface GroupPlan {
  ident: string;
  title: string;
  pick: number;
  pointsPerItem: number;
  /** Taken once per pass (figures, then items); an exam source's are produced as they come. */
  questions: Iterable<PlannedItem>;
}

/** An item of the package: its question, ident and version code. */
interface PlannedItem {
  question: PlannedQuestion;
  ident: string;
  version: string;
}

interface AssessmentPlan {
  ident: string;
  title: string;
  points: number;
  /** Either groups (groups mode) or a flat list of items (plain mode). */
  groups: GroupPlan[] | null;
  items: Iterable<PlannedItem>;
  /** Each slot's multiple-answer scoring (the exam's grading model). */
  grading: Map<number, MultipleScoring>;
}

function gradingBySlot(exam: ExamPlan): Map<number, MultipleScoring> {
  return new Map(exam.slots.map((s) => [s.index, s.grading ?? DEFAULT_MULTIPLE_SCORING]));
}

function checkExam(exam: ExamPlan): void {
  if (!exam || !Array.isArray(exam.versions) || exam.versions.length === 0) {
    throw new QtiExportError('exam has no versions');
  }
  for (const v of exam.versions) {
    if (v.questions.length === 0) throw new QtiExportError(`version ${v.code} has no questions`);
  }
}

function variantKey(q: PlannedQuestion): string {
  return `${q.templateId}\n${q.seed}\n${q.kind}`;
}

/**
 * The variants a group has taken (`variantKey`), held compactly: a drawn variant's seed is 12 hex
 * digits (48 bits, an exact double), kept as a number under its template and kind; any other seed
 * as its key. A 10,000-version group's 50,000 keys as strings held ~8 MB for the whole export.
 */
class VariantKeySet {
  private readonly seeds = new Map<string, Set<number>>();
  private readonly others = new Set<string>();
  size = 0;

  /** Adds the question's variant; false if the set held it already. */
  add(q: PlannedQuestion): boolean {
    let fresh: boolean;
    if (/^[0-9a-f]{12}$/.test(q.seed)) {
      const of = `${q.templateId}\n${q.kind}`;
      let set = this.seeds.get(of);
      if (!set) this.seeds.set(of, (set = new Set()));
      const n = parseInt(q.seed, 16);
      fresh = !set.has(n);
      if (fresh) set.add(n);
    } else {
      const key = variantKey(q);
      fresh = !this.others.has(key);
      if (fresh) this.others.add(key);
    }
    if (fresh) this.size++;
    return fresh;
  }
}

function planGroups(exam: ExamPlan): AssessmentPlan {
  const ident = `dlx_${identSafe(exam.slug, 24)}_${hash8(`${exam.seed}\n${exam.slug}\ngroups`)}`;
  // One pass over every question, bucketed by slot then version (exams may hold 10,000 versions).
  const bySlot = new Map<number, { q: PlannedQuestion; version: string }[][]>();
  for (const slot of exam.slots)
    bySlot.set(
      slot.index,
      exam.versions.map(() => []),
    );
  exam.versions.forEach((v, vi) => {
    for (const q of v.questions) {
      const buckets = bySlot.get(q.slot);
      if (!buckets)
        throw new QtiExportError(
          `version ${v.code} question ${q.number} belongs to slot ${q.slot}, which the exam does not list`,
        );
      buckets[vi]!.push({ q, version: v.code });
    }
  });
  const groups: GroupPlan[] = exam.slots.map((slot, s) => {
    const perVersion = bySlot.get(slot.index)!;
    perVersion.forEach((qs, vi) => {
      if (qs.length !== slot.count) {
        throw new QtiExportError(
          `slot '${slot.name}': version ${exam.versions[vi]!.code} holds ${qs.length} questions but the slot count is ${slot.count}`,
        );
      }
    });
    const all = perVersion.flat();
    if (all.length === 0)
      throw new QtiExportError(`slot ${s + 1} ('${slot.name}') has no questions in any version`);
    const points = all[0]!.q.points;
    if (all.some(({ q }) => q.points !== points)) {
      throw new QtiExportError(
        `slot '${slot.name}': a Canvas question group gives every question the same points; its questions differ (use mode 'plain')`,
      );
    }
    // The same variant drawn twice must not appear twice in the group, or one student could
    // be given it twice.
    const seen = new Set<string>();
    const distinct = all.filter(({ q }) => {
      const key = variantKey(q);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (distinct.length < slot.count) {
      throw new QtiExportError(
        `slot '${slot.name}': picks ${slot.count} from only ${distinct.length} distinct variants`,
      );
    }
    return {
      ident: `${ident}_g${s + 1}`,
      title: slot.name,
      pick: slot.count,
      pointsPerItem: points,
      questions: distinct.map(({ q, version }, i) => ({
        question: q,
        version,
        ident: `${ident}_g${s + 1}_${i + 1}_${hash8(variantKey(q))}`,
      })),
    };
  });
  const points = groups.reduce((sum, g) => sum + g.pick * g.pointsPerItem, 0);
  return { ident, title: exam.title, points, groups, items: [], grading: gradingBySlot(exam) };
}

function planPlain(exam: ExamPlan, codes: string[] | undefined): AssessmentPlan[] {
  const versions =
    codes === undefined
      ? exam.versions
      : codes.map((code) => {
          const v = exam.versions.find((x) => x.code === code);
          if (!v)
            throw new QtiExportError(
              `exam has no version '${code}' (versions: ${exam.versions.map((x) => x.code).join(', ')})`,
            );
          return v;
        });
  if (versions.length === 0) throw new QtiExportError('no versions selected');
  return versions.map((v) => {
    const ident = `dlx_${identSafe(exam.slug, 24)}_${identSafe(v.code, 8)}_${hash8(`${exam.seed}\n${exam.slug}\nplain\n${v.code}`)}`;
    return {
      ident,
      title: exam.versions.length > 1 ? `${exam.title} (version ${v.code})` : exam.title,
      points: v.questions.reduce((sum, q) => sum + q.points, 0),
      groups: null,
      grading: gradingBySlot(exam),
      items: v.questions.map((question, i) => ({
        question,
        version: v.code,
        ident: `${ident}_q${i + 1}_${hash8(variantKey(question))}`,
      })),
    };
  });
}

/** Something to iterate more than once, each time from the start. */
function reiterable<T>(make: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: make };
}

/**
 * Groups mode over an exam source, planned as it is written: a group's items are its slot's
 * questions across versions, each drawn variant once (the same idents as `planGroups`), produced
 * one at a time; nothing per question is held. A source's slots hold their count in every version.
 */
function planSourceGroups(src: ExamSource): AssessmentPlan {
  const h = src.header;
  const ident = `dlx_${identSafe(h.slug, 24)}_${hash8(`${h.seed}\n${h.slug}\ngroups`)}`;
  const versions = src.versionCodes.length;
  if (versions === 0) throw new QtiExportError('exam has no versions');
  const groups: GroupPlan[] = h.slots.map((slot, s) => {
    if (slot.count === 0)
      throw new QtiExportError(`slot ${s + 1} ('${slot.name}') has no questions in any version`);
    const points = src.ref(0, s, 0).points;
    const gIdent = `${ident}_g${s + 1}`;
    return {
      ident: gIdent,
      title: slot.name,
      pick: slot.count,
      pointsPerItem: points,
      questions: reiterable(function* () {
        const seen = new VariantKeySet();
        for (let v = 0; v < versions; v++)
          for (let k = 0; k < slot.count; k++) {
            const question = plannedQuestion(src, v, s, k);
            if (question.points !== points)
              throw new QtiExportError(
                `slot '${slot.name}': a Canvas question group gives every question the same points; its questions differ (use mode 'plain')`,
              );
            if (!seen.add(question)) continue;
            const i = seen.size;
            yield {
              question,
              version: src.versionCodes[v] as string,
              ident: `${gIdent}_${i}_${hash8(variantKey(question))}`,
            };
          }
        if (seen.size < slot.count)
          throw new QtiExportError(
            `slot '${slot.name}': picks ${slot.count} from only ${seen.size} distinct variants`,
          );
      }),
    };
  });
  const points = groups.reduce((sum, g) => sum + g.pick * g.pointsPerItem, 0);
  const grading = new Map(h.slots.map((s) => [s.index, s.grading ?? DEFAULT_MULTIPLE_SCORING]));
  return { ident, title: h.title, points, groups, items: [], grading };
}

/** Plain mode over an exam source: one quiz per version, its questions produced as written. */
function planSourcePlain(src: ExamSource, codes: string[] | undefined): AssessmentPlan[] {
  const h = src.header;
  const all = src.versionCodes;
  const chosen =
    codes === undefined
      ? all.map((_, v) => v)
      : codes.map((code) => {
          const v = all.indexOf(code);
          if (v < 0)
            throw new QtiExportError(`exam has no version '${code}' (versions: ${all.join(', ')})`);
          return v;
        });
  if (chosen.length === 0) throw new QtiExportError('no versions selected');
  const grading = new Map(h.slots.map((s) => [s.index, s.grading ?? DEFAULT_MULTIPLE_SCORING]));
  return chosen.map((v) => {
    const code = all[v] as string;
    if (src.questionsPerVersion === 0) throw new QtiExportError(`version ${code} has no questions`);
    const ident = `dlx_${identSafe(h.slug, 24)}_${identSafe(code, 8)}_${hash8(`${h.seed}\n${h.slug}\nplain\n${code}`)}`;
    let points = 0;
    h.slots.forEach((slot, si) => {
      for (let k = 0; k < slot.count; k++) points += src.ref(v, si, k).points;
    });
    return {
      ident,
      title: all.length > 1 ? `${h.title} (version ${code})` : h.title,
      points,
      groups: null,
      grading,
      items: reiterable(function* () {
        let i = 0;
        for (let si = 0; si < h.slots.length; si++)
          for (let k = 0; k < (h.slots[si] as { count: number }).count; k++) {
            const question = plannedQuestion(src, v, si, k);
            yield {
              question,
              version: code,
              ident: `${ident}_q${++i}_${hash8(variantKey(question))}`,
            };
          }
      }),
    };
  });
}

function plan(source: Exam | ExamSource, options: QtiOptions): AssessmentPlan[] {
  const exam = isExamSource(source) ? null : planExam(source);
  if (exam) checkExam(exam);
  if (
    options.numericStyle !== undefined &&
    options.numericStyle !== 'margin' &&
    options.numericStyle !== 'range'
  ) {
    throw new QtiExportError(
      `unknown numericStyle '${String(options.numericStyle)}' (expected 'margin' or 'range')`,
    );
  }
  if (
    options.math !== undefined &&
    options.math !== 'mathjax' &&
    options.math !== 'canvas-equation-image'
  ) {
    throw new QtiExportError(
      `unknown math style '${String(options.math)}' (expected 'mathjax' or 'canvas-equation-image')`,
    );
  }
  const t = options.timeLimitMinutes;
  if (t !== undefined && !(Number.isInteger(t) && t > 0)) {
    throw new QtiExportError(`timeLimitMinutes must be a positive whole number, got ${t}`);
  }
  const mode = options.mode ?? 'groups';
  if (mode === 'groups') {
    if (options.versions !== undefined)
      throw new QtiExportError("option 'versions' applies to mode 'plain' only");
    return [exam ? planGroups(exam) : planSourceGroups(source as ExamSource)];
  }
  if (mode === 'plain')
    return exam
      ? planPlain(exam, options.versions)
      : planSourcePlain(source as ExamSource, options.versions);
  throw new QtiExportError(`unknown mode '${String(mode)}' (expected 'groups' or 'plain')`);
}

function where(q: PlannedQuestion, version: string): string {
  return `version ${version} question ${q.number} (${q.templateId} seed ${q.seed})`;
}

/** One `<item>` to write: a variant and where it sits in the package. */
interface QtiItemJob {
  variant: Variant;
  /** The item's ident (unique in the package). */
  ident: string;
  points: number;
  /** Human location for error messages ("version A question 3 (…)"). */
  where: string;
  /** Scoring of a multiple-answer question (its slot's). */
  grading: MultipleScoring;
}

function metaField(w: XmlWriter, label: string, entry: string): void {
  w.open('qtimetadatafield').leaf('fieldlabel', label).leaf('fieldentry', entry).close();
}

function itemJob(
  p: AssessmentPlan,
  q: PlannedQuestion,
  version: string,
  ident: string,
  points: number,
): QtiItemJob {
  const grading = p.grading.get(q.slot) ?? DEFAULT_MULTIPLE_SCORING;
  return { variant: q.load(), ident, points, where: where(q, version), grading };
}

/** Output is handed out in chunks of at least this many characters. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The assessment document (`<questestinterop>`) in chunks, each item written as it is reached:
 * no tree and no string of the whole document. Answer ids are numbered from 1 through the document.
 */
function* assessmentXml(
  p: AssessmentPlan,
  options: QtiOptions,
  figures: FigureSink,
): Generator<string, void, undefined> {
  const w = new XmlWriter({ indent: options.indent ?? false });
  w.declaration().open('questestinterop', {
    xmlns: QTI_NS,
    'xmlns:xsi': XSI_NS,
    'xsi:schemaLocation': `${QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd`,
  });
  w.open('assessment', { ident: p.ident, title: attrText(p.title, 'exam title') });
  w.open('qtimetadata');
  if (options.timeLimitMinutes !== undefined)
    metaField(w, 'qmd_timelimit', String(options.timeLimitMinutes));
  metaField(w, 'cc_maxattempts', '1');
  w.close().open('section', ROOT_SECTION);
  const wellFormedSvgs = new Set<string>();
  let answerId = 0;
  const nextAnswerId = () => String(++answerId);
  const numericStyle = options.numericStyle ?? 'range';
  const math = options.math ?? 'mathjax';
  const write = (job: QtiItemJob) =>
    writeItem(w, { ...job, figures, wellFormedSvgs, nextAnswerId, numericStyle, math });
  if (p.groups) {
    for (const g of p.groups) {
      // A question group: its selection rule ("pick N, points per item"), then its items.
      w.open('section', { ident: g.ident, title: attrText(g.title, 'slot name') });
      w.open('selection_ordering').open('selection').leaf('selection_number', String(g.pick));
      w.open('selection_extension').leaf('points_per_item', plainDecimal(g.pointsPerItem));
      w.close().close().close();
      for (const { question, version, ident } of g.questions) {
        write(itemJob(p, question, version, ident, g.pointsPerItem));
        if (w.pending >= CHUNK_CHARS) yield w.take();
      }
      w.close();
    }
  } else {
    for (const { question, version, ident } of p.items) {
      write(itemJob(p, question, version, ident, question.points));
      if (w.pending >= CHUNK_CHARS) yield w.take();
    }
  }
  w.close().close().close().end();
  yield `${w.take()}\n`;
}

const ROOT_SECTION = { ident: 'root_section' } as const;

/** A small document written at once, with its trailing newline. */
function smallDocument(indent: boolean, write: (w: XmlWriter) => void): string {
  const w = new XmlWriter({ indent }).declaration();
  write(w);
  return `${w.end().take()}\n`;
}

function metaXml(p: AssessmentPlan, exam: ExamHeader, options: QtiOptions): string {
  return smallDocument(options.indent ?? false, (w) => {
    const title = checkXmlText(p.title, 'exam title');
    const description = exam.instructions
      ? richTextToHtml(exam.instructions, 'exam instructions', options.math ?? 'mathjax')
      : '';
    w.open('quiz', {
      identifier: p.ident,
      xmlns: CANVAS_NS,
      'xmlns:xsi': XSI_NS,
      'xsi:schemaLocation': `${CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd`,
    });
    w.leaf('title', title);
    w.leaf('description', checkXmlText(description, 'exam instructions'));
    w.leaf('shuffle_answers', options.shuffleAnswers ? 'true' : 'false');
    w.leaf('scoring_policy', 'keep_highest').leaf('hide_results', '');
    w.leaf('quiz_type', 'assignment').leaf('points_possible', plainDecimal(p.points));
    w.leaf('show_correct_answers', 'false').leaf('anonymous_submissions', 'false');
    w.leaf('could_be_locked', 'false');
    if (options.timeLimitMinutes !== undefined)
      w.leaf('time_limit', String(options.timeLimitMinutes));
    w.leaf('allowed_attempts', '1').leaf('one_question_at_a_time', 'false');
    w.leaf('cant_go_back', 'false').leaf('available', 'false');
    w.leaf('one_time_results', 'false').leaf('show_correct_answers_last_attempt', 'false');
    w.close();
  });
}

function manifestXml(
  exam: ExamHeader,
  plans: AssessmentPlan[],
  images: Iterable<string>,
  mode: string,
  indent: boolean,
): string {
  return smallDocument(indent, (w) => {
    w.open('manifest', {
      xmlns: MANIFEST_NS,
      identifier: `dlx_manifest_${hash8(`${exam.seed}\n${exam.slug}\n${mode}\n${plans.map((p) => p.ident).join(',')}`)}`,
    });
    w.open('metadata').leaf('schema', 'IMS Content').leaf('schemaversion', '1.1.3').close();
    w.empty('organizations').open('resources');
    for (const p of plans) {
      const metaId = `${p.ident}_meta`;
      w.open('resource', { identifier: p.ident, type: 'imsqti_xmlv1p2' });
      w.empty('file', { href: `${p.ident}/${p.ident}.xml` });
      w.empty('dependency', { identifierref: metaId }).close();
      w.open('resource', {
        identifier: metaId,
        type: 'associatedcontent/imscc_xmlv1p1/learning-application-resource',
        href: `${p.ident}/assessment_meta.xml`,
      });
      w.empty('file', { href: `${p.ident}/assessment_meta.xml` }).close();
    }
    for (const path of images) {
      w.open('resource', {
        identifier: `dlx_file_${hash8(path)}_${identSafe(path.replace(/^images\//, ''), 60)}`,
        type: 'webcontent',
        href: path,
      });
      w.empty('file', { href: path }).close();
    }
    w.close().close();
  });
}

/** Where item figures go: `images/<item ident>.svg`, as `figurePaths` lists them. */
const figureSink: FigureSink = (stem) => `${FILEBASE}/images/${stem}.svg`;

/**
 * A file of the package: its UTF-8 text in chunks, produced as they are taken (an assessment is
 * written item by item while the zip takes it).
 */
interface QtiEntry {
  path: string;
  chunks: () => Iterable<string>;
}

/**
 * The figures' files, in the order their items are written: each item with a figure gets
 * `images/<item ident>.svg` (an item ident is unique in the package). The manifest, the package's
 * first file, names them, so every item is materialised once beforehand to learn whether it has a
 * figure; what is kept is one bit per item (a 100,000-question exam: 12.5 kB, not a path and a
 * question each). The manifest and the figure files walk the items again (cheap: references),
 * and each figure's SVG is taken from its variant again when its file is written (after the
 * assessments, which checked it): an exam source materialises a figure's question a third time
 * rather than holding every figure.
 */
class FigureItems {
  private bits = new Uint8Array(64);
  private count = 0;

  constructor(private readonly plans: AssessmentPlan[]) {
    for (const { question } of this.items()) {
      const i = this.count++;
      if (i >> 3 >= this.bits.length) {
        const grown = new Uint8Array(this.bits.length * 2);
        grown.set(this.bits);
        this.bits = grown;
      }
      if (question.load().figure) this.bits[i >> 3]! |= 1 << (i & 7);
    }
  }

  /** Every item of the package, in the order the assessments write them. */
  private *items(): Generator<PlannedItem, void, undefined> {
    for (const p of this.plans)
      for (const items of p.groups ? p.groups.map((g) => g.questions) : [p.items]) yield* items;
  }

  /** The items with a figure, with their file's path, in writing order. */
  *withFigures(): Generator<{ path: string; question: PlannedQuestion }, void, undefined> {
    let i = 0;
    for (const { question, ident } of this.items()) {
      const has = ((this.bits[i >> 3] as number) >> (i & 7)) & 1;
      i++;
      if (has) yield { path: `images/${ident}.svg`, question };
    }
  }

  *paths(): Generator<string, void, undefined> {
    for (const f of this.withFigures()) yield f.path;
  }
}

/** Every file of the package, in zip order: manifest, then per quiz its XML and meta, then figures. */
export function toQtiFiles(exam: Exam | ExamSource, options: QtiOptions = {}): QtiFile[] {
  return rendering(() =>
    Array.from(qtiEntries(exam, options), (e) => ({
      path: e.path,
      content: joinChunks(e.chunks()),
    })),
  );
}

function joinChunks(chunks: Iterable<string>): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}

/** Runs `fn` with rich-text rendering cached (see `openRenderCache`). */
function rendering<T>(fn: () => T): T {
  const opened = openRenderCache();
  try {
    return fn();
  } finally {
    if (opened) closeRenderCache();
  }
}

/**
 * The package's files, produced as the zip takes them: planned (and every item's figure looked
 * up) at once, so a bad exam fails before any byte; the manifest rendered when its turn comes (and
 * let go after), the figure files one at a time after the assessments.
 */
function qtiEntries(source: Exam | ExamSource, options: QtiOptions): Iterable<QtiEntry> {
  const plans = plan(source, options);
  const exam = isExamSource(source) ? source.header : source;
  const figures = new FigureItems(plans);
  return (function* () {
    yield {
      path: 'imsmanifest.xml',
      chunks: () => [
        manifestXml(
          exam,
          plans,
          figures.paths(),
          options.mode ?? 'groups',
          options.indent ?? false,
        ),
      ],
    };
    for (const p of plans) {
      yield {
        path: `${p.ident}/${p.ident}.xml`,
        chunks: () => assessmentXml(p, options, figureSink),
      };
      yield { path: `${p.ident}/assessment_meta.xml`, chunks: () => [metaXml(p, exam, options)] };
    }
    for (const { path, question } of figures.withFigures())
      yield { path, chunks: () => [(question.load().figure as { svg: string }).svg] };
  })();
}

/**
 * The assessment document. Groups mode has one; in plain mode pass `version` (a version code)
 * to choose which, default the first exported version.
 */
export function toQtiAssessmentXml(
  source: Exam | ExamSource,
  options: QtiOptions & { version?: string } = {},
): string {
  const plans = plan(source, options);
  let p = plans[0] as AssessmentPlan;
  if (options.version !== undefined) {
    if ((options.mode ?? 'groups') !== 'plain')
      throw new QtiExportError("option 'version' applies to mode 'plain' only");
    const all = isExamSource(source)
      ? planSourcePlain(source, [options.version])
      : planPlain(planExam(source), [options.version]);
    p = all[0] as AssessmentPlan;
  }
  return rendering(() => joinChunks(assessmentXml(p, options, figureSink)));
}

/** The `imsmanifest.xml` of the package `toQtiZip` writes for the same arguments. */
export function toQtiManifestXml(exam: Exam | ExamSource, options: QtiOptions = {}): string {
  for (const manifest of qtiEntries(exam, options)) return joinChunks(manifest.chunks());
  return '';
}

/** An option that, if given, must be a function (`what` it computes, for the message). */
function functionOption<K extends 'deflate' | 'crc32' | 'deflateStream'>(
  options: QtiOptions,
  name: K,
  what: string,
): QtiOptions[K] {
  const value = options[name];
  if (value !== undefined && typeof value !== 'function')
    throw new QtiExportError(`option ${name} must be a function (${what})`);
  return value;
}

/** Checks the zip options; returns the injected compressor, if any. */
function zipOptions(options: QtiOptions): {
  deflate?: RawDeflate;
  crc32?: EntryCrc32;
} {
  const deflate = functionOption(options, 'deflate', 'raw DEFLATE of one entry');
  const crc32 = functionOption(options, 'crc32', 'CRC-32 of one entry');
  if (crc32 !== undefined && deflate === undefined)
    throw new QtiExportError(
      "option crc32 applies with option deflate only (fflate's own compressor computes its CRC)",
    );
  const stream = functionOption(options, 'deflateStream', 'a raw DEFLATE stream');
  if (stream !== undefined && deflate === undefined)
    throw new QtiExportError(
      'option deflateStream applies with option deflate (the same compressor, whole entries)',
    );
  return { deflate, crc32 };
}

/** The Canvas-importable QTI zip. The same exam and options always give the same bytes. */
export function toQtiZip(exam: Exam | ExamSource, options: QtiOptions = {}): Uint8Array {
  const { deflate } = zipOptions(options);
  if (deflate) return concatBytes(qtiZipChunks(exam, options));
  return rendering(() => {
    const zippable: Zippable = {};
    for (const e of qtiEntries(exam, options))
      zippable[e.path] = [utf8(e.chunks()), { mtime: ZIP_MTIME }];
    // Level 1: XML still shrinks ~7×, at a fraction of level 6's time (export speed is a feature).
    return zipSync(zippable, { level: 1, mtime: ZIP_MTIME });
  });
}

function concatBytes(chunks: Iterable<Uint8Array>): Uint8Array {
  if (Array.isArray(chunks) && chunks.length === 1) return chunks[0] as Uint8Array;
  const all: Uint8Array[] = [];
  let size = 0;
  for (const c of chunks) {
    all.push(c);
    size += c.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of a file's chunks, encoded chunk by chunk into one buffer: the chunks of a large
 * assessment are mostly Latin-1 strings of a few kilobytes, cheaper to encode than their join,
 * which is one two-byte string as soon as any chunk holds a character above U+00FF.
 */
function utf8(pieces: Iterable<string>): Uint8Array {
  const chunks = Array.isArray(pieces) ? (pieces as string[]) : [...pieces];
  if (chunks.length === 1) return encoder.encode(chunks[0]);
  let chars = 0;
  for (const chunk of chunks) chars += chunk.length;
  // Mostly ASCII: an eighth more than the characters rarely needs to grow.
  let out = new Uint8Array(chars + (chars >> 3) + 64);
  let at = 0;
  for (const chunk of chunks)
    at = encodeInto(
      chunk,
      at,
      () => out,
      (end, rest) => {
        // Grow, go on.
        const bigger = new Uint8Array(out.length * 2 + rest.length * 3);
        bigger.set(out.subarray(0, end));
        out = bigger;
        return end;
      },
    );
  return out.subarray(0, at);
}

/**
 * Encodes `text` as UTF-8 into `buffer()` from byte `at` on and returns where it ends. Whenever
 * the buffer is full (encodeInto stops before a character that does not fit, never inside one),
 * `full(at, rest)` makes room for the `rest` of the text and returns where to go on.
 */
function encodeInto(
  text: string,
  at: number,
  buffer: () => Uint8Array,
  full: (at: number, rest: string) => number,
): number {
  let rest = text;
  for (;;) {
    const { read, written } = encoder.encodeInto(rest, buffer().subarray(at));
    at += written;
    if (read === rest.length) return at;
    rest = rest.slice(read);
    at = full(at, rest);
  }
}

/** A zip entry deflated (method 8) by an injected compressor `D`, its CRC by an injected one if given. */
abstract class DeflatedEntry<D> extends ZipPassThrough {
  constructor(
    filename: string,
    protected readonly deflate: D,
    protected readonly crc32: EntryCrc32 | undefined,
  ) {
    super(filename);
    this.compression = 8;
    this.mtime = ZIP_MTIME;
  }
}

/** A zip entry whose bytes the injected compressor deflates in one piece (method 8). */
class InjectedDeflateEntry extends DeflatedEntry<RawDeflate> {
  /** The whole entry in one chunk; with an injected CRC, computed by it instead of fflate. */
  override push(chunk: Uint8Array, final?: boolean): void {
    if (!this.crc32) return super.push(chunk, final);
    if (!final) throw new QtiExportError('internal: a zip entry is pushed in one piece');
    this.size = chunk.length;
    // zip stores the CRC as an unsigned 32-bit value; `>>> 0` accepts signed results too.
    this.crc = this.crc32(chunk) >>> 0;
    this.process(chunk, true);
  }

  override process(chunk: Uint8Array, final: boolean): void {
    // fflate's handler types its chunks as ArrayBuffer-backed; a Node Buffer is ArrayBufferLike.
    this.ondata(null, this.deflate(chunk) as Uint8Array<ArrayBuffer>, final);
  }
}

/**
 * A zip entry deflated piece by piece by an injected stream (`QtiOptions.deflateStream`), its
 * CRC carried from piece to piece; sizes and CRC follow the data (a data descriptor), as fflate
 * writes every streamed entry.
 */
class StreamedDeflateEntry extends DeflatedEntry<RawDeflateStream> {
  private running = 0;

  override push(chunk: Uint8Array, final?: boolean): void {
    if (!this.crc32) return super.push(chunk, final);
    this.size += chunk.length;
    this.running = this.crc32(chunk, this.running) >>> 0;
    if (final) this.crc = this.running;
    this.process(chunk as Uint8Array<ArrayBuffer>, final ?? false);
  }

  override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.deflate(chunk, final) as Uint8Array<ArrayBuffer>, final);
  }
}

/**
 * `toQtiZip` as chunks of the zip file, in order. With `deflate` and `deflateStream`, every
 * entry is written as it is produced: an assessment item by item, compressed as it goes, so no
 * copy of a document or of the zip is ever whole. With `deflate` alone each entry is compressed
 * whole, and without it (fflate's compressor, entries sized in their headers) the zip comes as
 * one chunk. Bad options and plans are refused at the call.
 */
export function qtiZipChunks(
  exam: Exam | ExamSource,
  options: QtiOptions = {},
): Generator<Uint8Array, void, undefined> {
  const { deflate, crc32 } = zipOptions(options);
  if (!deflate)
    return (function* () {
      yield toQtiZip(exam, options);
    })();
  const entries = rendering(() => qtiEntries(exam, options));
  return zipWith(entries, deflate, options.deflateStream, crc32);
}

/** Bytes of an entry handed to a `deflateStream` at a time (at least). */
const STREAM_PIECE = 256 * 1024;

/** The zip of `entries` through fflate's streaming writer, entries compressed by `deflate`. */
function* zipWith(
  entries: Iterable<QtiEntry>,
  deflate: RawDeflate,
  deflateStream: (() => RawDeflateStream) | undefined,
  crc32: EntryCrc32 | undefined,
): Generator<Uint8Array, void, undefined> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure ??= err;
    else ready.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    for (const chunk of ready) if (chunk.length > 0) yield chunk;
    ready.length = 0;
  };
  // Where an entry's pieces are encoded: room for a piece and a whole chunk after it.
  const pieceBuffer = deflateStream ? new Uint8Array(2 * STREAM_PIECE) : new Uint8Array(0);
  const opened = openRenderCache();
  try {
    for (const e of entries) {
      if (deflateStream) {
        const entry = new StreamedDeflateEntry(e.path, deflateStream(), crc32);
        zip.add(entry);
        // Pieces of a quarter megabyte, encoded into one reused buffer (the compressor and the
        // CRC read a piece before `push` returns): fewer, larger calls to the compressor, and an
        // entry no larger than one piece is compressed whole (the bytes `deflate` gives).
        let at = 0;
        for (const chunk of e.chunks()) {
          at = encodeInto(
            chunk,
            at,
            () => pieceBuffer,
            (end) => {
              // Full: hand the piece on, go on.
              entry.push(pieceBuffer.subarray(0, end), false);
              return 0;
            },
          );
          if (at >= STREAM_PIECE) {
            entry.push(pieceBuffer.subarray(0, at), false);
            at = 0;
            yield* drain();
          }
        }
        entry.push(pieceBuffer.subarray(0, at), true);
      } else {
        const entry = new InjectedDeflateEntry(e.path, deflate, crc32);
        zip.add(entry);
        entry.push(utf8(e.chunks()), true);
      }
      yield* drain();
    }
    zip.end();
    yield* drain();
  } finally {
    if (opened) closeRenderCache();
  }
}
