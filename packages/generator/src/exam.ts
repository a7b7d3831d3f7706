import {
  EXAM_SCHEMA_VERSION,
  MULTIPLE_SCORINGS,
  QUESTION_KINDS,
  TOPICS,
  richTextProblem,
  type Exam,
  type ExamQuestion,
  type ExamHeader,
  type ExamQuestionRef,
  type ExamSlotInfo,
  type ExamSource,
  type Difficulty,
  type ExamVersion,
  type SlotBalance,
  type Variant,
  type VariantDifficulty,
  type MultipleScoring,
  type QuestionKind,
  type Topic,
} from '@dlexam/types';
import { DlexamError } from './errors.js';
import { DEFAULT_MULTIPLE_SCORING } from './grading.js';
import type { Narrowing, Params } from './params.js';
import { effortScale, levelOf, variantEffort as variantEffortOf } from './difficulty.js';
import { contentKey, poolMembers, poolSize, type PoolMember } from './pool.js';
import type { TemplateRegistry } from './registry.js';
import { assertSeed, createRng } from './rng.js';
import type { AnyTemplate } from './template.js';
import {
  effectiveSchema,
  generateVariant,
  narrowingProblem,
  variantProblem,
  type VariantOptions,
} from './variant.js';
import { GENERIC_GATES, type GenericGate } from './trivial.js';

/** An exam spec as written in exam.yaml / exam.json (see the README for a commented example). */
export interface ExamSpec {
  title: string;
  course?: string;
  instructions?: string;
  /** Omit for a random secret seed (the caller supplies one; it is recorded in the output). */
  seed?: string;
  /** Number of versions (A, B, C … or one per student). */
  versions?: number;
  /** Scoring of multiple-answer questions for every slot without its own. Default right-minus-wrong. */
  grading?: MultipleScoring;
  slots: SlotSpec[];
}

export interface SlotSpec {
  name?: string;
  /** A template id, or a list to draw from. */
  template?: string | string[];
  /** Or any template of a topic. */
  topic?: Topic;
  kind?: QuestionKind;
  count?: number;
  points?: number;
  /** Narrowed ranges or pinned values per parameter (single-template slots). */
  params?: Record<string, Narrowing>;
  /** Scoring of this slot's multiple-answer questions (overrides the exam's). */
  grading?: MultipleScoring;
  /** Pins the difficulty level of every version's question (1 easier, 2 typical, 3 harder). */
  difficulty?: Difficulty;
  /** Allowed spread of levels across versions (0–2; default 0: the same level for every version). */
  band?: number;
  /**
   * Generic degeneracy gates the instructor allows for this slot (`all-options-correct`,
   * `no-option-correct`, `answer-in-stem`): its draws are not redrawn for them.
   */
  allow?: GenericGate[];
}

export const MAX_VERSIONS = 10_000;
export const MAX_QUESTIONS_PER_VERSION = 500;
const DRAW_ATTEMPTS = 60;

const SLOT_KEYS = [
  'name',
  'template',
  'topic',
  'kind',
  'count',
  'points',
  'params',
  'grading',
  'difficulty',
  'band',
  'allow',
];
const SPEC_KEYS = ['title', 'course', 'instructions', 'seed', 'versions', 'grading', 'slots'];

/** A slot's `allow`: a list (or one name) of generic gates, each named once. */
function allowedGates(x: unknown, at: string): GenericGate[] {
  const list = typeof x === 'string' ? [x] : x;
  const names = `${GENERIC_GATES.join(', ')}`;
  if (!Array.isArray(list))
    throw new DlexamError(
      `must be a list of gates to allow (${names}), got ${JSON.stringify(x)}`,
      at,
    );
  for (const [i, g] of list.entries())
    if (!(GENERIC_GATES as readonly unknown[]).includes(g))
      throw new DlexamError(
        `unknown gate ${JSON.stringify(g)}; the gates a slot may allow are ${names}`,
        `${at}[${i}]`,
      );
  return [...new Set(list as GenericGate[])];
}

function grading(x: unknown, at: string): MultipleScoring {
  if (!MULTIPLE_SCORINGS.includes(x as MultipleScoring))
    throw new DlexamError(
      `unknown grading ${JSON.stringify(x)}; multiple-answer questions are graded ${MULTIPLE_SCORINGS.join(' or ')}`,
      at,
    );
  return x as MultipleScoring;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function positiveInt(x: unknown, at: string, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > max)
    throw new DlexamError(`must be a whole number from 1 to ${max}, got ${JSON.stringify(x)}`, at);
  return x;
}

function optionalText(x: unknown, at: string): string | undefined {
  if (x === undefined) return undefined;
  if (typeof x !== 'string') throw new DlexamError(`must be text, got ${JSON.stringify(x)}`, at);
  return x;
}

function unknownKeys(o: Record<string, unknown>, allowed: string[], at: string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k))
      throw new DlexamError(`unknown field '${k}'; allowed: ${allowed.join(', ')}`, at);
}

/** Validates a parsed exam spec against the registry; every error names the field at fault. */
export function parseExamSpec(input: unknown, registry: TemplateRegistry): ExamSpec {
  if (!isObject(input))
    throw new DlexamError('an exam spec must be a mapping with title and slots', 'spec');
  unknownKeys(input, SPEC_KEYS, 'spec');
  const title = input.title;
  if (typeof title !== 'string' || !title.trim())
    throw new DlexamError('must be non-empty text', 'spec.title');
  const spec: ExamSpec = { title: title.trim(), slots: [] };
  const course = optionalText(input.course, 'spec.course');
  const instructions = optionalText(input.instructions, 'spec.instructions');
  if (course) spec.course = course;
  if (instructions) {
    // Rich text every format renders: unbalanced math or a javascript: link is refused here.
    const problem = richTextProblem(instructions);
    if (problem) throw new DlexamError(problem, 'spec.instructions');
    spec.instructions = instructions;
  }
  if (input.seed !== undefined) spec.seed = assertSeed(input.seed, 'spec.seed');
  if (input.grading !== undefined) spec.grading = grading(input.grading, 'spec.grading');
  spec.versions =
    input.versions === undefined ? 1 : positiveInt(input.versions, 'spec.versions', MAX_VERSIONS);
  if (!Array.isArray(input.slots) || !input.slots.length)
    throw new DlexamError('must be a non-empty list of slots', 'spec.slots');
  input.slots.forEach((raw, i) => {
    spec.slots.push(parseSlot(raw, `spec.slots[${i}]`, registry));
  });
  const perVersion = spec.slots.reduce((s, x) => s + (x.count ?? 1), 0);
  if (perVersion > MAX_QUESTIONS_PER_VERSION)
    throw new DlexamError(
      `${perVersion} questions per version; at most ${MAX_QUESTIONS_PER_VERSION}`,
      'spec.slots',
    );
  return spec;
}

/** One slot of the spec, validated; `at` names it in errors. */
function parseSlot(raw: unknown, at: string, registry: TemplateRegistry): SlotSpec {
  if (!isObject(raw))
    throw new DlexamError('a slot must be a mapping (template or topic, count, points)', at);
  unknownKeys(raw, SLOT_KEYS, at);
  const slot: SlotSpec = {};
  slotSource(raw, at, registry, slot);
  if (raw.kind !== undefined) {
    if (!QUESTION_KINDS.includes(raw.kind as QuestionKind))
      throw new DlexamError(
        `unknown kind ${JSON.stringify(raw.kind)}; kinds are ${QUESTION_KINDS.join(', ')}`,
        `${at}.kind`,
      );
    slot.kind = raw.kind as QuestionKind;
  }
  if (raw.name !== undefined) slot.name = optionalText(raw.name, `${at}.name`);
  if (raw.grading !== undefined) slot.grading = grading(raw.grading, `${at}.grading`);
  if (raw.difficulty !== undefined) {
    if (raw.difficulty !== 1 && raw.difficulty !== 2 && raw.difficulty !== 3)
      throw new DlexamError(
        `must be a difficulty level 1 (easier), 2 (typical) or 3 (harder), got ${JSON.stringify(raw.difficulty)}`,
        `${at}.difficulty`,
      );
    slot.difficulty = raw.difficulty;
  }
  if (raw.band !== undefined) {
    if (raw.band !== 0 && raw.band !== 1 && raw.band !== 2)
      throw new DlexamError(
        `must be the allowed spread of difficulty levels across versions: 0, 1 or 2, got ${JSON.stringify(raw.band)}`,
        `${at}.band`,
      );
    slot.band = raw.band;
  }
  if (raw.allow !== undefined) slot.allow = allowedGates(raw.allow, `${at}.allow`);
  slot.count =
    raw.count === undefined ? 1 : positiveInt(raw.count, `${at}.count`, MAX_QUESTIONS_PER_VERSION);
  if (raw.points !== undefined) {
    if (typeof raw.points !== 'number' || !(raw.points > 0) || raw.points > 1000)
      throw new DlexamError(
        `must be a number of points above 0 and at most 1000, got ${JSON.stringify(raw.points)}`,
        `${at}.points`,
      );
    slot.points = raw.points;
  }
  if (raw.params !== undefined) slot.params = slotParams(raw.params, slot, at, registry);
  return slot;
}

/** The slot's template id(s) or topic, each checked against the registry. */
function slotSource(
  raw: Record<string, unknown>,
  at: string,
  registry: TemplateRegistry,
  slot: SlotSpec,
): void {
  if (raw.template !== undefined && raw.topic !== undefined)
    throw new DlexamError('give either template or topic, not both', at);
  if (raw.template !== undefined) {
    const ids = Array.isArray(raw.template) ? raw.template : [raw.template];
    if (!ids.length || ids.some((x) => typeof x !== 'string'))
      throw new DlexamError('must be a template id or a list of ids', `${at}.template`);
    ids.forEach((id) => registry.get(id as string, `${at}.template`));
    slot.template = Array.isArray(raw.template) ? (ids as string[]) : (raw.template as string);
  } else if (raw.topic !== undefined) {
    if (!TOPICS.includes(raw.topic as Topic))
      throw new DlexamError(
        `unknown topic ${JSON.stringify(raw.topic)}; topics are ${TOPICS.join(', ')}`,
        `${at}.topic`,
      );
    if (!registry.byTopic(raw.topic as Topic).length)
      throw new DlexamError(`topic '${raw.topic}' has no templates yet`, `${at}.topic`);
    slot.topic = raw.topic as Topic;
  } else throw new DlexamError('needs a template id or a topic', at);
}

/** The parameter narrowing of a single-template slot, validated against the template's schema. */
function slotParams(
  params: unknown,
  slot: SlotSpec,
  at: string,
  registry: TemplateRegistry,
): Record<string, Narrowing> {
  if (!isObject(params))
    throw new DlexamError('must map parameter names to ranges, lists or values', `${at}.params`);
  const ids =
    slot.template === undefined
      ? []
      : Array.isArray(slot.template)
        ? slot.template
        : [slot.template];
  if (ids.length !== 1)
    throw new DlexamError('params narrow a single-template slot only', `${at}.params`);
  const t = registry.get(ids[0] as string);
  effectiveSchema(t, params as Record<string, Narrowing>, `${at}.params`); // validates
  return params as Record<string, Narrowing>;
}

/** A, B, …, Z, AA, AB, … */
export function versionCode(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Names Windows reserves for devices, whatever the extension (`con.exam.json` too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/;

/**
 * The file-name stem of an exam: lowercase letters and digits of any script joined by `-`
 * (Latin accents dropped: `Prüfung` → `prufung`; `深度学习` stays `深度学习`), at most 60
 * characters; `exam` when nothing is left, and a Windows device name (`con`, `nul`, `com1`…)
 * gets `-exam` appended.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const s = Array.from(words).slice(0, 60).join('');
  if (!s) return 'exam';
  return WINDOWS_RESERVED.test(s) ? `${s}-exam` : s;
}

function slotCandidates(slot: SlotSpec, registry: TemplateRegistry): AnyTemplate[] {
  const all = slot.topic
    ? registry.byTopic(slot.topic)
    : (Array.isArray(slot.template) ? slot.template : [slot.template as string]).map((id) =>
        registry.get(id),
      );
  const fit = slot.kind ? all.filter((t) => t.kinds.includes(slot.kind as QuestionKind)) : all;
  return fit;
}

export interface AssembleOptions {
  /** Used when the spec has no seed; callers pass a random secret one. */
  seed?: string;
  /** Called after each generated question: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /**
   * `assembleExamSource` only: exams of at most this many questions keep the variants assembly
   * drew (frozen), so every format reads them instead of regenerating each question, unless their
   * text passes 24 M characters; larger exams keep only what regenerates them. Default 4,096;
   * 0 never keeps.
   */
  keepVariantsUpTo?: number;
}

/**
 * Questions up to which `assembleExamSource` keeps the drawn variants, against one to three
 * regenerations per question in every format written (the Moodle exporter reads each twice)...
 */
const KEEP_VARIANTS_UP_TO = 4096;
/**
 * ...and the text they may hold together (characters of every string in them): past it (long
 * worked solutions, figures) none is kept, so a kept exam stays within a few tens of megabytes.
 */
const KEEP_TEXT_UP_TO = 24 * 1024 * 1024;

/**
 * Freezes a variant and everything in it (a kept variant is shared by every reader) and returns
 * the characters of the strings it holds.
 */
function freezeAndMeasure(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (!value || typeof value !== 'object') return 0;
  Object.freeze(value);
  let size = 0;
  for (const v of Object.values(value)) size += freezeAndMeasure(v);
  return size;
}

/** A slot's candidate templates with what drawing from them needs. */
interface SlotPlan {
  candidates: AnyTemplate[];
  kindOf(t: AnyTemplate): QuestionKind;
  narrow?: Record<string, Narrowing>;
  /** The level drawn at and the allowed spread around it. */
  level: Difficulty;
  band: number;
  pinned: boolean;
  /**
   * Random draws are not worth trying: the slot needs at least half of a fully known pool, or they
   * already ran dry once; the pool's members are walked instead.
   */
  walk: boolean;
  /** The difficulty sample alone shows the pool holds far more than the slot needs. */
  roomy: boolean;
}

const narrowOf = (slot: SlotSpec) => (slot.params ? { narrow: slot.params } : {});

/** The level of an effort for a template of a slot (on that template's own scale). */
function levelFor(plan: SlotPlan, t: AnyTemplate, effort: number): Difficulty {
  return levelOf(effort, effortScale(t, { kind: plan.kindOf(t), ...narrowOfPlan(plan) }));
}

const narrowOfPlan = (plan: SlotPlan) => (plan.narrow ? { narrow: plan.narrow } : {});

const inBand = (plan: SlotPlan, level: Difficulty) => Math.abs(level - plan.level) <= plan.band;

/**
 * How many distinct contents of a slot's pools lie within a band around a level: counted over the
 * members of enumerated and exhausted pools, estimated from the level shares otherwise.
 */
function capacity(plan: SlotPlan, level: Difficulty, band: number): number {
  let n = 0;
  for (const t of plan.candidates) {
    const opts = { kind: plan.kindOf(t), ...narrowOfPlan(plan) };
    const scale = effortScale(t, opts);
    if (plan.roomy) {
      // The sampled variants at those levels: a lower bound, enough for a roomy slot.
      n += scale.sorted.filter((e) => Math.abs(levelOf(e, scale) - level) <= band).length;
      continue;
    }
    const members = poolMembers(t, opts);
    if (members) {
      for (const m of members) if (Math.abs(levelOf(m.effort, scale) - level) <= band) n++;
    } else {
      const share = scale.shares.reduce(
        (s, x, i) => s + (Math.abs(i + 1 - level) <= band ? x : 0),
        0,
      );
      n += Math.floor(poolSize(t, opts).variants * share);
    }
  }
  return n;
}

/**
 * One drawn question of an assembled exam, as little as regenerates it: its template, variant
 * seed and kind, the pool member's pins when the pool was walked (the slot's narrowing and points
 * are the slot's), and the difficulty it was drawn at.
 */
interface DrawnRef {
  template: AnyTemplate;
  seed: string;
  kind: QuestionKind;
  pins?: Params;
  difficulty: VariantDifficulty;
}

/**
 * Every drawn question's `DrawnRef`, packed: 20 bytes a question in typed arrays (template and
 * kind as indexes, the 12-hex-digit variant seed as a number) plus the pins of walked members.
 */
class RefStore {
  private readonly templates: AnyTemplate[] = [];
  private readonly templateIndex = new Map<AnyTemplate, number>();
  private readonly template: Uint16Array;
  private readonly kind: Uint8Array;
  private readonly seed: Float64Array;
  private readonly effort: Float64Array;
  private readonly level: Uint8Array;
  /** Seeds that are not 12 hex digits (none today), and walked members' pins, by position. */
  private readonly otherSeeds = new Map<number, string>();
  private readonly pins = new Map<number, Params>();
  private n = 0;

  constructor(size: number) {
    this.template = new Uint16Array(size);
    this.kind = new Uint8Array(size);
    this.seed = new Float64Array(size);
    this.effort = new Float64Array(size);
    this.level = new Uint8Array(size);
  }

  push(ref: DrawnRef): void {
    const i = this.n++;
    let t = this.templateIndex.get(ref.template);
    if (t === undefined) {
      t = this.templates.push(ref.template) - 1;
      this.templateIndex.set(ref.template, t);
    }
    this.template[i] = t;
    this.kind[i] = QUESTION_KINDS.indexOf(ref.kind);
    if (/^[0-9a-f]{12}$/.test(ref.seed)) this.seed[i] = parseInt(ref.seed, 16);
    else this.otherSeeds.set(i, ref.seed);
    this.effort[i] = ref.difficulty.effort;
    this.level[i] = ref.difficulty.level;
    if (ref.pins) this.pins.set(i, ref.pins);
  }

  get(i: number): DrawnRef {
    const ref: DrawnRef = {
      template: this.templates[this.template[i] as number] as AnyTemplate,
      seed: this.otherSeeds.get(i) ?? (this.seed[i] as number).toString(16).padStart(12, '0'),
      kind: QUESTION_KINDS[this.kind[i] as number] as QuestionKind,
      difficulty: { effort: this.effort[i] as number, level: this.level[i] as Difficulty },
    };
    const pins = this.pins.get(i);
    if (pins) ref.pins = pins;
    return ref;
  }
}

/** What an assembly hands to its keeper for each drawn question (in version-major order). */
type Keep = (slot: ExamSlotInfo, ref: DrawnRef, variant: Variant) => void;

/**
 * The options that regenerate a slot's variants: its points and narrowing (a drawn question adds
 * its kind and, when walked, its pins). Assembly draws with these and `ExamSource` regenerates with
 * them, so a question regenerates to the very variant drawn.
 */
function slotVariantOptions(slot: SlotSpec, info: ExamSlotInfo): VariantOptions {
  const base: VariantOptions = { points: info.points };
  if (slot.params) base.narrow = slot.params;
  if (slot.allow?.length) base.waive = slot.allow;
  return base;
}

/**
 * Draws every version of an exam. Deterministic in (spec, seed): each question's variant seed comes
 * from the stream `exam/<seed>/<version>/<slot>/<i>`, and no content repeats within the exam
 * (across versions too, `contentKey`), so a category of N variants holds N different questions.
 *
 * Versions are balanced: every question of a slot is drawn at one difficulty level (the level the
 * slot's variants most often have, or the spec's `difficulty`), within `band` levels (default 0)
 * when its pool holds enough variants there; otherwise the band widens just enough and the exam
 * reports it. When random draws run dry on a small pool, the pool's members are walked in a
 * seeded order, so a slot asking for no more than its pool always succeeds.
 *
 * The whole exam is held in memory; `assembleExamSource` draws the same exam and holds only what
 * regenerates each question.
 */
export function assembleExam(
  spec: ExamSpec,
  registry: TemplateRegistry,
  opts: AssembleOptions = {},
): Exam {
  const out: ExamVersion[] = [];
  const perVersion = spec.slots.reduce((s, x) => s + (x.count ?? 1), 0);
  let current: ExamQuestion[] = [];
  const header = assemble(spec, registry, opts, (info, ref, variant) => {
    current.push({
      slot: info.index,
      slotName: info.name,
      number: current.length + 1,
      points: info.points,
      variant,
      difficulty: ref.difficulty,
    });
    if (current.length === perVersion) {
      out.push({ code: versionCode(out.length), index: out.length, questions: current });
      current = [];
    }
  });
  return withVersions(header, out);
}

/** The exam with its versions after its slots (the key order exam JSON has always had). */
function withVersions(header: ExamHeader, versions: ExamVersion[]): Exam {
  const exam: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(header)) {
    exam[key] = value;
    if (key === 'slots') exam.versions = versions;
  }
  return exam as unknown as Exam;
}

/**
 * `assembleExam` for exams of any size: draws the same exam (every variant is still generated once,
 * to keep contents distinct and versions balanced) but keeps per question only what regenerates it
 * — template, variant seed, kind, pool pins, difficulty — and materialises a question when asked
 * (`ExamSource.question`), one variant generation per access. Memory: a few hundred bytes per
 * question instead of the variant's tens of kilobytes. Exams of at most `keepVariantsUpTo`
 * questions (default 4,096) whose text stays within 24 M characters keep the drawn variants
 * instead, frozen and shared by every access.
 * `materializeExam(assembleExamSource(spec, registry, opts))` equals `assembleExam(…)`.
 */
export function assembleExamSource(
  spec: ExamSpec,
  registry: TemplateRegistry,
  opts: AssembleOptions = {},
): ExamSource {
  const versions = spec.versions ?? 1;
  const perVersion = spec.slots.reduce((s, x) => s + (x.count ?? 1), 0);
  const refs = new RefStore(versions * perVersion);
  let kept: Variant[] | null =
    versions * perVersion <= (opts.keepVariantsUpTo ?? KEEP_VARIANTS_UP_TO) ? [] : null;
  let keptText = 0;
  const header = assemble(spec, registry, opts, (_slot, ref, variant) => {
    refs.push(ref);
    if (!kept) return;
    keptText += freezeAndMeasure(variant);
    if (keptText <= KEEP_TEXT_UP_TO) kept.push(variant);
    else kept = null;
  });
  const counts = header.slots.map((s) => s.count);
  // Where each slot's questions start within a version.
  const offsets = counts.map((_, si) => counts.slice(0, si).reduce((s, x) => s + x, 0));
  const variantOpts = spec.slots.map((slot, si) =>
    slotVariantOptions(slot, header.slots[si] as ExamSlotInfo),
  );
  const codes = Array.from({ length: versions }, (_, v) => versionCode(v));
  const locate = (v: number, si: number, k: number) => {
    const info = header.slots[si];
    if (!Number.isInteger(v) || v < 0 || v >= versions || !info)
      throw new RangeError(
        `exam "${header.title}" has no version ${v} slot ${si} (it has ${versions} versions, ${header.slots.length} slots)`,
      );
    if (!Number.isInteger(k) || k < 0 || k >= info.count)
      throw new RangeError(
        `slot ${si} of exam "${header.title}" holds ${info.count} questions, not ${k + 1}`,
      );
    const number = (offsets[si] as number) + k + 1;
    const at = v * perVersion + number - 1;
    return { info, number, ref: refs.get(at), variant: kept?.[at] };
  };
  const source: ExamSource = {
    header,
    versionCodes: codes,
    questionsPerVersion: perVersion,
    ref(v, si, k) {
      const { info, number, ref } = locate(v, si, k);
      return {
        slot: si,
        slotName: info.name,
        number,
        points: info.points,
        difficulty: ref.difficulty,
        templateId: ref.template.id,
        seed: ref.seed,
        kind: ref.kind,
      };
    },
    refs(v) {
      const out: ExamQuestionRef[] = [];
      header.slots.forEach((s, si) => {
        for (let k = 0; k < s.count; k++) out.push(source.ref(v, si, k));
      });
      return out;
    },
    question(v, si, k) {
      const { info, number, ref, variant } = locate(v, si, k);
      const regenerate = () => {
        const o: VariantOptions = { ...variantOpts[si], kind: ref.kind };
        if (ref.pins) o.pins = ref.pins;
        return generateVariant(ref.template, ref.seed, o);
      };
      return {
        slot: si,
        slotName: info.name,
        number,
        points: info.points,
        variant: variant ?? regenerate(),
        difficulty: ref.difficulty,
      };
    },
    version(v) {
      const questions: ExamQuestion[] = [];
      header.slots.forEach((s, si) => {
        for (let k = 0; k < s.count; k++) questions.push(source.question(v, si, k));
      });
      return { code: codes[v] as string, index: v, questions };
    },
  };
  return source;
}

/** The shared draw of `assembleExam` and `assembleExamSource`: returns the exam's header. */
function assemble(
  spec: ExamSpec,
  registry: TemplateRegistry,
  opts: AssembleOptions,
  keep: Keep,
): ExamHeader {
  const seed = assertSeed(spec.seed ?? opts.seed, 'spec.seed');
  const versions = spec.versions ?? 1;
  const plans: SlotPlan[] = [];
  const slots: ExamSlotInfo[] = spec.slots.map((slot, i) => {
    const plan = planSlot(slot, `spec.slots[${i}]`, versions, registry);
    plans.push(plan);
    return slotInfo(spec, slot, i, plan.candidates);
  });

  const draws = drawState(seed, plans);
  const total = versions * slots.reduce((s, x) => s + x.count, 0);
  let done = 0;
  // Per slot: the levels and the effort range drawn (its balance).
  const drawn = slots.map(() => ({ min: 3, max: 1, effortMin: Infinity, effortMax: -Infinity }));
  const base = spec.slots.map((slot, si) => slotVariantOptions(slot, slots[si] as ExamSlotInfo));
  for (let v = 0; v < versions; v++) {
    spec.slots.forEach((slot, si) => {
      const info = slots[si] as ExamSlotInfo;
      const plan = plans[si] as SlotPlan;
      for (let q = 0; q < info.count; q++) {
        const { variant, difficulty, ref } = drawQuestion(draws, si, plan, base[si], slot.allow, {
          v,
          q,
        });
        const d = drawn[si]!;
        d.min = Math.min(d.min, difficulty.level);
        d.max = Math.max(d.max, difficulty.level);
        d.effortMin = Math.min(d.effortMin, difficulty.effort);
        d.effortMax = Math.max(d.effortMax, difficulty.effort);
        keep(info, ref, variant);
        opts.onProgress?.(++done, total);
      }
    });
  }
  slots.forEach((info, si) => {
    const plan = plans[si] as SlotPlan;
    const d = drawn[si]!;
    const balance: SlotBalance = {
      level: plan.level,
      pinned: plan.pinned,
      band: plan.band,
      spread: d.max - d.min,
      effort: { min: d.effortMin, max: d.effortMax },
    };
    info.balance = balance;
  });
  // The key order of exam JSON: versions (added by the caller) go right after slots.
  const header: ExamHeader = {
    schemaVersion: EXAM_SCHEMA_VERSION,
    title: spec.title,
    seed,
    slug: slugify(spec.title),
    slots,
    totalPoints: slots.reduce((s, x) => s + x.count * x.points, 0),
  };
  if (spec.course) header.course = spec.course;
  if (spec.instructions) header.instructions = spec.instructions;
  return header;
}

/**
 * How a slot is drawn: its templates, the level and band (widened only as far as its pool needs),
 * and whether to walk the pool's members instead of drawing at random. Refuses a slot whose pool
 * cannot hold the distinct variants it needs.
 */
function planSlot(
  slot: SlotSpec,
  at: string,
  versions: number,
  registry: TemplateRegistry,
): SlotPlan {
  const candidates = slotCandidates(slot, registry);
  if (!candidates.length)
    throw new DlexamError(`no template of this slot supports kind '${slot.kind}'`, at);
  const needed = (slot.count ?? 1) * versions;
  const kindOf = (t: AnyTemplate) => slot.kind ?? (t.kinds[0] as QuestionKind);
  const scales = candidates.map((t) => effortScale(t, { kind: kindOf(t), ...narrowOf(slot) }));
  // The variants the difficulty sample drew are a cheap lower bound of the pool: a slot needing
  // far fewer skips the full pool count.
  const roomy = scales.reduce((s, x) => s + x.distinct, 0) >= 4 * needed;
  const { pool, exact } = slotPool(slot, at, candidates, kindOf, roomy);
  if (pool < needed && exact)
    throw new DlexamError(
      `needs ${plural(needed, 'distinct variant')} (${slot.count ?? 1} × ${plural(versions, 'version')}) but its pool holds ${pool}; ` +
        `lower count or versions, widen its params, or add templates to the slot`,
      at,
    );
  const plan: SlotPlan = {
    candidates,
    kindOf,
    level: slot.difficulty ?? 2,
    band: slot.band ?? 0,
    pinned: slot.difficulty !== undefined,
    walk:
      exact &&
      candidates.every((t) => poolMembers(t, { kind: kindOf(t), ...narrowOf(slot) })) &&
      needed * 2 >= pool,
    roomy,
  };
  if (slot.params) plan.narrow = slot.params;
  if (slot.difficulty === undefined) {
    // The level most of the slot's variants have (ties: typical, then easier).
    const shares = [0, 0, 0];
    for (const scale of scales) scale.shares.forEach((x, j) => (shares[j]! += x));
    plan.level = ([2, 1, 3] as const).reduce((best, l) =>
      shares[l - 1]! > shares[best - 1]! + 1e-9 ? l : best,
    );
  }
  // Widen the band only as far as the pool needs (with room for draws to find them).
  const room = exact ? needed : Math.ceil(needed * 1.5);
  while (plan.band < 2 && capacity(plan, plan.level, plan.band) < room) {
    if (plan.pinned && exact && slot.band === undefined)
      throw new DlexamError(
        `needs ${plural(needed, 'distinct variant')} at difficulty ${plan.level} but its pool holds ${capacity(plan, plan.level, plan.band)} there; ` +
          `lower count or versions, widen its params, or allow a spread with 'band: 1'`,
        `${at}.difficulty`,
      );
    plan.band++;
  }
  return plan;
}

/**
 * The slot's pool (Infinity when the difficulty sample already shows it roomy) and whether that
 * count is exact. Pins that leave no valid question are refused with the rule they break.
 */
function slotPool(
  slot: SlotSpec,
  at: string,
  candidates: AnyTemplate[],
  kindOf: (t: AnyTemplate) => QuestionKind,
  roomy: boolean,
): { pool: number; exact: boolean } {
  const pools = roomy
    ? null
    : candidates.map((t) => poolSize(t, { kind: kindOf(t), ...narrowOf(slot) }));
  const pool = pools ? pools.reduce((s, p) => s + p.variants, 0) : Infinity;
  // A lower-bound pool (every draw distinct) is not refused up front; drawing still stops on exhaustion.
  if (pool === 0 && slot.params && candidates.length === 1) {
    // Pins that contradict each other: name the rule they break, as a preview of them would.
    const t = candidates[0] as AnyTemplate;
    const why = narrowingProblem(t, kindOf(t), slot.params);
    if (why)
      throw new DlexamError(
        why.startsWith('constraint violated: ')
          ? `its params break a validity rule of ${t.id}: ${why.slice('constraint violated: '.length)}`
          : `its params leave ${t.id} no valid question: ${why}`,
        `${at}.params`,
      );
  }
  return { pool, exact: pools !== null && !pools.some((p) => p.variantsAtLeast) };
}

/** The exam JSON's record of a slot: its name, templates, count, points and grading. */
function slotInfo(
  spec: ExamSpec,
  slot: SlotSpec,
  i: number,
  candidates: AnyTemplate[],
): ExamSlotInfo {
  const info: ExamSlotInfo = {
    index: i,
    name:
      slot.name ??
      (candidates.length === 1
        ? (candidates[0] as AnyTemplate).title
        : `${slot.topic ?? 'mixed'} question`),
    templateIds: candidates.map((t) => t.id),
    count: slot.count ?? 1,
    points: slot.points ?? 1,
    grading: slot.grading ?? spec.grading ?? DEFAULT_MULTIPLE_SCORING,
  };
  if (slot.kind) info.kind = slot.kind;
  return info;
}

/** A walk through a pool's members in a seeded order, and how far it has got. */
interface PoolWalk {
  members: PoolMember[];
  next: number;
}

/** What the draws of one exam share: its seed, the contents drawn, and the pools' walks. */
interface DrawState {
  seed: string;
  plans: readonly SlotPlan[];
  /**
   * The contents drawn, by a 64-bit digest of their key: a few dozen bytes each however long the
   * key (statement banks, choice lists), so an exam of 100,000 questions keeps a few megabytes.
   */
  used: Set<string>;
  /** Per slot and template: the pool's members in a seeded order, and how far the walk has got. */
  walks: Map<string, PoolWalk>;
}

function drawState(seed: string, plans: readonly SlotPlan[]): DrawState {
  return { seed, plans, used: new Set<string>(), walks: new Map<string, PoolWalk>() };
}

/** The walk of a slot's template's pool (started on first use); null when its pool is not enumerable. */
function walkOf(state: DrawState, si: number, t: AnyTemplate): PoolWalk | null {
  const key = `${si}|${t.id}`;
  let w = state.walks.get(key);
  if (!w) {
    const plan = state.plans[si] as SlotPlan;
    const members = poolMembers(t, { kind: plan.kindOf(t), ...narrowOfPlan(plan) });
    if (!members) return null;
    w = {
      members: createRng(`exam/${state.seed}/walk/s${si}/${t.id}`).shuffle([...members]),
      next: 0,
    };
    state.walks.set(key, w);
  }
  return w;
}

/**
 * Draws question `q` of slot `si` in version `v`: random draws first, then (when they ran dry, or
 * the plan says so) a walk of the small pools' members for one not already used in the exam.
 */
function drawQuestion(
  state: DrawState,
  si: number,
  plan: SlotPlan,
  base: VariantOptions | undefined,
  allow: SlotSpec['allow'],
  { v, q }: { v: number; q: number },
): { variant: Variant; difficulty: VariantDifficulty; ref: DrawnRef } {
  const accept = (t: AnyTemplate, candidate: Variant): VariantDifficulty | null => {
    const key = keyDigest(contentKey(candidate, t));
    if (state.used.has(key)) return null;
    const d = difficultyOf(plan, t, candidate);
    if (!inBand(plan, d.level)) return null;
    state.used.add(key);
    return d;
  };
  const rng = createRng(`exam/${state.seed}/v${v}/s${si}/q${q}`);
  let variant: Variant | undefined;
  let difficulty: VariantDifficulty | null = null;
  let ref: DrawnRef | undefined;
  for (let attempt = 0; attempt < DRAW_ATTEMPTS && !variant && !plan.walk; attempt++) {
    const r = rng.child(`draw-${attempt}`);
    const t = r.choice(plan.candidates);
    const vseed = r.hex(12);
    const kind = plan.kindOf(t);
    const candidate = generateVariant(t, vseed, { ...base, kind });
    difficulty = accept(t, candidate);
    if (difficulty) {
      variant = candidate;
      ref = { template: t, seed: vseed, kind, difficulty };
    }
  }
  // Random draws ran dry: walk the small pools' members (seeded order) for an unused one.
  if (!variant && plan.candidates.every((t) => walkOf(state, si, t))) plan.walk = true;
  for (const t of rng.child('walk').shuffle([...plan.candidates])) {
    if (variant) break;
    const w = walkOf(state, si, t);
    if (!w) continue;
    while (w.next < w.members.length && !variant) {
      const m = w.members[w.next++] as PoolMember;
      if (state.used.has(keyDigest(m.key)) || !inBand(plan, levelFor(plan, t, m.effort))) continue;
      const vseed = rng.child(`member-${w.next}`).hex(12);
      const kind = plan.kindOf(t);
      const candidate = generateVariant(t, vseed, { ...base, kind, pins: m.params });
      if (variantProblem(t, candidate, allow)) continue;
      difficulty = accept(t, candidate);
      if (difficulty) {
        variant = candidate;
        ref = { template: t, seed: vseed, kind, pins: m.params, difficulty };
      }
    }
  }
  if (!variant || !difficulty || !ref)
    throw new DlexamError(
      `could not draw a variant not already used in this exam after ${DRAW_ATTEMPTS} tries; the pool is nearly exhausted — lower count or versions`,
      `spec.slots[${si}]`,
    );
  return { variant, difficulty, ref };
}

/**
 * A 64-bit digest of a content key, as a 4-character string: two 32-bit multiplicative lanes over
 * the key's UTF-16 units, each finished with an avalanche mix and folded into the other. Distinct
 * keys share a digest with probability about n²/2⁶⁵ (3 × 10⁻¹⁰ for 100,000 questions).
 */
export function keyDigest(key: string): string {
  let a = 0x9e3779b9 ^ key.length;
  let b = 0x85ebca6b ^ Math.imul(key.length, 0x27d4eb2f);
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 16), 0x7feb352d) ^ a;
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  b ^= b >>> 16;
  a ^= Math.imul(b, 0x9e3779b1);
  return String.fromCharCode(a >>> 16, a & 0xffff, b >>> 16, b & 0xffff);
}

function difficultyOf(plan: SlotPlan, t: AnyTemplate, v: Variant): VariantDifficulty {
  const scale = effortScale(t, { kind: v.kind, ...narrowOfPlan(plan) });
  const effort = variantEffortOf(t, v);
  return { effort, level: levelOf(effort, scale) };
}
