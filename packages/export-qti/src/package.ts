import { DEFAULT_MULTIPLE_SCORING } from '@dlexam/generator/grading';
import { plainDecimal } from '@dlexam/math';
import type { Exam, ExamQuestion, MultipleScoring } from '@dlexam/types';
import { Zip, ZipPassThrough, zipSync, type Zippable } from 'fflate';
import { attrText, checkXmlText, QtiExportError } from './errors.js';
import { richTextToHtml, withRenderCache, type MathStyle } from './html.js';
import { hash8, identSafe } from './ids.js';
import { appendItem, type FigureSink } from './items.js';
import { renderPieces, type ItemStyle, type QtiItemJob, type QtiPiece } from './pieces.js';
import { compactAround, XmlElement, xmlDocument } from './xml.js';

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
}

/** Raw DEFLATE of a whole zip entry (see `QtiOptions.deflate`). */
export type RawDeflate = (data: Uint8Array) => Uint8Array;

/** CRC-32 of a whole zip entry (see `QtiOptions.crc32`). */
export type EntryCrc32 = (data: Uint8Array) => number;

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

interface GroupPlan {
  ident: string;
  title: string;
  pick: number;
  pointsPerItem: number;
  questions: { question: ExamQuestion; ident: string; version: string }[];
}

interface AssessmentPlan {
  ident: string;
  title: string;
  points: number;
  /** Either groups (groups mode) or a flat list of items (plain mode). */
  groups: GroupPlan[] | null;
  items: { question: ExamQuestion; ident: string; version: string }[];
  /** Each slot's multiple-answer scoring (the exam's grading model). */
  grading: Map<number, MultipleScoring>;
}

function gradingBySlot(exam: Exam): Map<number, MultipleScoring> {
  return new Map(exam.slots.map((s) => [s.index, s.grading ?? DEFAULT_MULTIPLE_SCORING]));
}

function checkExam(exam: Exam): void {
  if (!exam || !Array.isArray(exam.versions) || exam.versions.length === 0) {
    throw new QtiExportError('exam has no versions');
  }
  for (const v of exam.versions) {
    if (v.questions.length === 0) throw new QtiExportError(`version ${v.code} has no questions`);
  }
}

function variantKey(q: ExamQuestion): string {
  return `${q.variant.templateId}\n${q.variant.seed}\n${q.variant.kind}`;
}

function planGroups(exam: Exam): AssessmentPlan {
  const ident = `dlx_${identSafe(exam.slug, 24)}_${hash8(`${exam.seed}\n${exam.slug}\ngroups`)}`;
  // One pass over every question, bucketed by slot then version (exams may hold 10,000 versions).
  const bySlot = new Map<number, { q: ExamQuestion; version: string }[][]>();
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

function planPlain(exam: Exam, codes: string[] | undefined): AssessmentPlan[] {
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

function plan(exam: Exam, options: QtiOptions): AssessmentPlan[] {
  checkExam(exam);
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
    return [planGroups(exam)];
  }
  if (mode === 'plain') return planPlain(exam, options.versions);
  throw new QtiExportError(`unknown mode '${String(mode)}' (expected 'groups' or 'plain')`);
}

function where(q: ExamQuestion, version: string): string {
  return `version ${version} question ${q.number} (${q.variant.templateId} seed ${q.variant.seed})`;
}

function metaField(parent: XmlElement, label: string, entry: string): void {
  const f = parent.ele('qtimetadatafield');
  f.ele('fieldlabel').txt(label);
  f.ele('fieldentry').txt(entry);
}

/** The `<questestinterop>` root down to the assessment's empty root section. */
function assessmentFrame(
  p: AssessmentPlan,
  options: QtiOptions,
): { root: XmlElement; rootSection: XmlElement } {
  const root = new XmlElement('questestinterop', {
    xmlns: QTI_NS,
    'xmlns:xsi': XSI_NS,
    'xsi:schemaLocation': `${QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd`,
  });
  const assessment = root.ele('assessment', {
    ident: p.ident,
    title: attrText(p.title, 'exam title'),
  });
  const meta = assessment.ele('qtimetadata');
  if (options.timeLimitMinutes !== undefined)
    metaField(meta, 'qmd_timelimit', String(options.timeLimitMinutes));
  metaField(meta, 'cc_maxattempts', '1');
  const rootSection = assessment.ele('section', { ident: 'root_section' });
  return { root, rootSection };
}

/** A question group's `<section>` with its selection rule ("pick N, points per item"). */
function groupSection(g: GroupPlan, parent?: XmlElement): XmlElement {
  const attrs = { ident: g.ident, title: attrText(g.title, 'slot name') };
  const section = parent ? parent.ele('section', attrs) : new XmlElement('section', attrs);
  const selection = section.ele('selection_ordering').ele('selection');
  selection.ele('selection_number').txt(String(g.pick));
  selection.ele('selection_extension').ele('points_per_item').txt(plainDecimal(g.pointsPerItem));
  return section;
}

function itemJob(
  p: AssessmentPlan,
  q: ExamQuestion,
  version: string,
  ident: string,
  points: number,
): QtiItemJob {
  const grading = p.grading.get(q.slot) ?? DEFAULT_MULTIPLE_SCORING;
  return { variant: q.variant, ident, points, where: where(q, version), grading };
}

/** The compact assessment document as pieces (see `QtiPiece`): head, groups and items, tail. */
function assessmentPieces(p: AssessmentPlan, options: QtiOptions): QtiPiece[] {
  const { root, rootSection } = assessmentFrame(p, options);
  const [head, tail] = compactAround(root, rootSection, true);
  const pieces: QtiPiece[] = [head];
  if (p.groups) {
    for (const g of p.groups) {
      const section = groupSection(g);
      const [open, close] = compactAround(section, section, false);
      pieces.push(open);
      for (const { question, version, ident } of g.questions)
        pieces.push(itemJob(p, question, version, ident, g.pointsPerItem));
      pieces.push(close);
    }
  } else {
    for (const { question, version, ident } of p.items)
      pieces.push(itemJob(p, question, version, ident, question.points));
  }
  pieces.push(tail);
  return pieces;
}

function itemStyle(options: QtiOptions): ItemStyle {
  return { numericStyle: options.numericStyle ?? 'range', math: options.math ?? 'mathjax' };
}

/** The indented assessment document, built as one tree (for people reading it; golden files). */
function indentedAssessmentXml(
  p: AssessmentPlan,
  options: QtiOptions,
  figures: FigureSink,
): string {
  const { root, rootSection } = assessmentFrame(p, options);
  const wellFormedSvgs = new Set<string>();
  let answerId = 0;
  const nextAnswerId = () => String(++answerId);
  const add = (section: XmlElement, job: QtiItemJob) =>
    appendItem(section, { ...job, figures, wellFormedSvgs, nextAnswerId, ...itemStyle(options) });
  if (p.groups) {
    for (const g of p.groups) {
      const section = groupSection(g, rootSection);
      for (const { question, version, ident } of g.questions)
        add(section, itemJob(p, question, version, ident, g.pointsPerItem));
    }
  } else {
    for (const { question, version, ident } of p.items)
      add(rootSection, itemJob(p, question, version, ident, question.points));
  }
  return xmlDocument(root, true);
}

/**
 * The assessment document as chunks: compact documents are rendered piece by piece, each item
 * serialized as soon as it is built (see `renderPieces`); indented ones as one tree.
 */
function assessmentXml(p: AssessmentPlan, options: QtiOptions, figures: FigureSink): string[] {
  if (options.indent) return [indentedAssessmentXml(p, options, figures)];
  return renderPieces(assessmentPieces(p, options), itemStyle(options), figures);
}

function metaXml(p: AssessmentPlan, exam: Exam, options: QtiOptions): string {
  const quiz = new XmlElement('quiz', {
    identifier: p.ident,
    xmlns: CANVAS_NS,
    'xmlns:xsi': XSI_NS,
    'xsi:schemaLocation': `${CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd`,
  });
  quiz.ele('title').txt(checkXmlText(p.title, 'exam title'));
  const description = exam.instructions
    ? richTextToHtml(exam.instructions, 'exam instructions', options.math ?? 'mathjax')
    : '';
  quiz.ele('description').txt(checkXmlText(description, 'exam instructions'));
  quiz.ele('shuffle_answers').txt(options.shuffleAnswers ? 'true' : 'false');
  quiz.ele('scoring_policy').txt('keep_highest');
  quiz.ele('hide_results').txt('');
  quiz.ele('quiz_type').txt('assignment');
  quiz.ele('points_possible').txt(plainDecimal(p.points));
  quiz.ele('show_correct_answers').txt('false');
  quiz.ele('anonymous_submissions').txt('false');
  quiz.ele('could_be_locked').txt('false');
  if (options.timeLimitMinutes !== undefined)
    quiz.ele('time_limit').txt(String(options.timeLimitMinutes));
  quiz.ele('allowed_attempts').txt('1');
  quiz.ele('one_question_at_a_time').txt('false');
  quiz.ele('cant_go_back').txt('false');
  quiz.ele('available').txt('false');
  quiz.ele('one_time_results').txt('false');
  quiz.ele('show_correct_answers_last_attempt').txt('false');
  return xmlDocument(quiz, options.indent ?? false);
}

function manifestXml(
  exam: Exam,
  plans: AssessmentPlan[],
  images: string[],
  mode: string,
  indent: boolean,
): string {
  const manifest = new XmlElement('manifest', {
    xmlns: MANIFEST_NS,
    identifier: `dlx_manifest_${hash8(`${exam.seed}\n${exam.slug}\n${mode}\n${plans.map((p) => p.ident).join(',')}`)}`,
  });
  const metadata = manifest.ele('metadata');
  metadata.ele('schema').txt('IMS Content');
  metadata.ele('schemaversion').txt('1.1.3');
  manifest.ele('organizations');
  const resources = manifest.ele('resources');
  for (const p of plans) {
    const metaId = `${p.ident}_meta`;
    const r = resources.ele('resource', { identifier: p.ident, type: 'imsqti_xmlv1p2' });
    r.ele('file', { href: `${p.ident}/${p.ident}.xml` });
    r.ele('dependency', { identifierref: metaId });
    resources
      .ele('resource', {
        identifier: metaId,
        type: 'associatedcontent/imscc_xmlv1p1/learning-application-resource',
        href: `${p.ident}/assessment_meta.xml`,
      })
      .ele('file', { href: `${p.ident}/assessment_meta.xml` });
  }
  for (const path of images) {
    resources
      .ele('resource', {
        identifier: `dlx_file_${hash8(path)}_${identSafe(path.replace(/^images\//, ''), 60)}`,
        type: 'webcontent',
        href: path,
      })
      .ele('file', { href: path });
  }
  return xmlDocument(manifest, indent);
}

function figureCollector(): { sink: FigureSink; files: Map<string, string> } {
  const files = new Map<string, string>();
  const sink: FigureSink = (stem, svg) => {
    const path = `images/${stem}.svg`;
    const before = files.get(path);
    if (before !== undefined && before !== svg)
      throw new QtiExportError(`two different figures would both be ${path}`);
    files.set(path, svg);
    return `${FILEBASE}/${path}`;
  };
  return { sink, files };
}

/** A file of the package as the chunks of its UTF-8 text (see `compactAround`). */
interface QtiEntry {
  path: string;
  chunks: string[];
}

/** Every file of the package, in zip order: manifest, then per quiz its XML and meta, then figures. */
export function toQtiFiles(exam: Exam, options: QtiOptions = {}): QtiFile[] {
  return qtiEntries(exam, options).map((e) => ({
    path: e.path,
    content: e.chunks.length === 1 ? (e.chunks[0] as string) : e.chunks.join(''),
  }));
}

function qtiEntries(exam: Exam, options: QtiOptions): QtiEntry[] {
  return withRenderCache(() => {
    const plans = plan(exam, options);
    const { sink, files: images } = figureCollector();
    const out: QtiEntry[] = [];
    for (const p of plans) {
      out.push({ path: `${p.ident}/${p.ident}.xml`, chunks: assessmentXml(p, options, sink) });
      out.push({ path: `${p.ident}/assessment_meta.xml`, chunks: [metaXml(p, exam, options)] });
    }
    const imagePaths = [...images.keys()];
    const manifest = manifestXml(
      exam,
      plans,
      imagePaths,
      options.mode ?? 'groups',
      options.indent ?? false,
    );
    out.unshift({ path: 'imsmanifest.xml', chunks: [manifest] });
    for (const path of imagePaths) out.push({ path, chunks: [images.get(path) as string] });
    return out;
  });
}

/**
 * The assessment document. Groups mode has one; in plain mode pass `version` (a version code)
 * to choose which, default the first exported version.
 */
export function toQtiAssessmentXml(
  exam: Exam,
  options: QtiOptions & { version?: string } = {},
): string {
  const plans = plan(exam, options);
  let p = plans[0] as AssessmentPlan;
  if (options.version !== undefined) {
    if ((options.mode ?? 'groups') !== 'plain')
      throw new QtiExportError("option 'version' applies to mode 'plain' only");
    const all = planPlain(exam, [options.version]);
    p = all[0] as AssessmentPlan;
  }
  return withRenderCache(() => assessmentXml(p, options, figureCollector().sink).join(''));
}

/** The `imsmanifest.xml` of the package `toQtiZip` writes for the same arguments. */
export function toQtiManifestXml(exam: Exam, options: QtiOptions = {}): string {
  return qtiEntries(exam, options)[0]!.chunks.join('');
}

/** The Canvas-importable QTI zip. The same exam and options always give the same bytes. */
export function toQtiZip(exam: Exam, options: QtiOptions = {}): Uint8Array {
  const deflate = options.deflate;
  if (deflate !== undefined && typeof deflate !== 'function')
    throw new QtiExportError('option deflate must be a function (raw DEFLATE of one entry)');
  const crc32 = options.crc32;
  if (crc32 !== undefined && typeof crc32 !== 'function')
    throw new QtiExportError('option crc32 must be a function (CRC-32 of one entry)');
  if (crc32 !== undefined && deflate === undefined)
    throw new QtiExportError(
      "option crc32 applies with option deflate only (fflate's own compressor computes its CRC)",
    );
  const entries = qtiEntries(exam, options);
  if (deflate) return zipWith(entries, deflate, crc32);
  const zippable: Zippable = {};
  for (const e of entries) zippable[e.path] = [utf8(e.chunks), { mtime: ZIP_MTIME }];
  // Level 1: XML still shrinks ~7×, at a fraction of level 6's time (export speed is a feature).
  return zipSync(zippable, { level: 1, mtime: ZIP_MTIME });
}

const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of a file's chunks, encoded chunk by chunk into one buffer: the chunks of a large
 * assessment are mostly Latin-1 strings of a few kilobytes, cheaper to encode than their join,
 * which is one two-byte string as soon as any chunk holds a character above U+00FF.
 */
function utf8(chunks: string[]): Uint8Array {
  if (chunks.length === 1) return encoder.encode(chunks[0]);
  let chars = 0;
  for (const chunk of chunks) chars += chunk.length;
  // Mostly ASCII: an eighth more than the characters rarely needs to grow.
  let out = new Uint8Array(chars + (chars >> 3) + 64);
  let at = 0;
  for (const chunk of chunks) {
    let rest = chunk;
    for (;;) {
      const { read, written } = encoder.encodeInto(rest, out.subarray(at));
      at += written;
      if (read === rest.length) break;
      // encodeInto stops before a character that does not fit (never inside one): grow, go on.
      rest = rest.slice(read);
      const bigger = new Uint8Array(out.length * 2 + rest.length * 3);
      bigger.set(out.subarray(0, at));
      out = bigger;
    }
  }
  return out.subarray(0, at);
}

/** A zip entry whose bytes the injected compressor deflates in one piece (method 8). */
class InjectedDeflateEntry extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly deflateRaw: RawDeflate,
    private readonly crc32: EntryCrc32 | undefined,
  ) {
    super(filename);
    this.compression = 8;
    this.mtime = ZIP_MTIME;
  }

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
    this.ondata(null, this.deflateRaw(chunk) as Uint8Array<ArrayBuffer>, final);
  }
}

/** The zip of `entries` through fflate's streaming writer, entries compressed by `deflate`. */
function zipWith(entries: QtiEntry[], deflate: RawDeflate, crc32?: EntryCrc32): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure ??= err;
    else chunks.push(chunk);
  });
  for (const e of entries) {
    const entry = new InjectedDeflateEntry(e.path, deflate, crc32);
    zip.add(entry);
    entry.push(utf8(e.chunks), true);
  }
  zip.end();
  if (failure) throw failure;
  let size = 0;
  for (const c of chunks) size += c.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
