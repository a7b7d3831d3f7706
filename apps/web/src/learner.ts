/**
 * The learner model: what this student knows, kept in the browser (no server, no account).
 *
 * Mastery per template is **Bayesian Knowledge Tracing** (Corbett & Anderson, "Knowledge tracing:
 * Modeling the acquisition of procedural knowledge", User Modeling and User-Adapted Interaction
 * 4(4), 253–278, 1994): a hidden "knows it" state with probability P(L), updated by Bayes' rule
 * after each answer given a slip and a guess probability, then a learning step P(T). Between
 * sessions knowledge decays by a forgetting factor per day of absence, as in BKT with forgetting
 * (Qiu, Qi, Lu, Pardos & Heffernan, "Does time matter? Modeling the effect of time with Bayesian
 * Knowledge Tracing", EDM 2011). A template counts as mastered at P(L) ≥ 0.95, Corbett &
 * Anderson's threshold. A topic's mastery is the mean over its templates (unseen ones at P(L0)).
 *
 * Every function here is pure: time (`now`, in ms) is passed in, the state is returned anew.
 */

/** BKT parameters (the standard defaults of the knowledge-tracing literature). */
export const BKT = {
  /** P(L0): knows it before the first question. */
  init: 0.2,
  /** P(T): learns it from one question with feedback. */
  learn: 0.15,
  /** P(S): answers wrong although knowing it. */
  slip: 0.1,
  /** Forgetting per day without practice: P(L) ← P(L) · (1 − forget)^days. */
  forget: 0.02,
  /** Mastered at or above this P(L). */
  mastery: 0.95,
} as const;

const DAY = 86_400_000;

/** P(G): answering right without knowing, by the kind of question. */
export function guessProbability(kind: string, options = 0): number {
  if (kind === 'single') return options > 1 ? 1 / options : 0.25;
  if (kind === 'multiple' || kind === 'matching') return 0.1;
  return 0.05; // typed numbers, words and tables are hard to guess
}

export interface TemplateRecord {
  topic: string;
  title: string;
  attempts: number;
  correct: number;
  /** P(L) right after the last answer (decay is applied on reading, see `pKnown`). */
  p: number;
  /** Time of the last answer (ms). */
  last: number;
  /** Consecutive right answers on this template. */
  run: number;
}

export interface MisconceptionRecord {
  /** Times an answer matched it. */
  hits: number;
  last: number;
  /** The template and feedback of the last hit (for the "practise it" link and the explanation). */
  templateId: string;
  title: string;
  topic: string;
  feedback: string;
  /** Hits per template. */
  templates: Record<string, number>;
}

export interface Attempt {
  t: number;
  templateId: string;
  correct: boolean;
  misconception?: string;
}

export interface LearnerState {
  schema: 'dlexam.learner/1';
  templates: Record<string, TemplateRecord>;
  misconceptions: Record<string, MisconceptionRecord>;
  /** The latest attempts, newest last (at most `LOG_LIMIT`). */
  log: Attempt[];
  /** Right answers in a row (any template), the best such run, and days practised in a row. */
  streak: { current: number; best: number; days: number; lastDay: number };
}

export const LOG_LIMIT = 500;

export function emptyState(): LearnerState {
  return {
    schema: 'dlexam.learner/1',
    templates: {},
    misconceptions: {},
    log: [],
    streak: { current: 0, best: 0, days: 0, lastDay: -1 },
  };
}

/** One BKT step: the posterior after an answer, then the learning transition. */
export function bktUpdate(p: number, correct: boolean, guess: number, slip = BKT.slip): number {
  const post = correct
    ? (p * (1 - slip)) / (p * (1 - slip) + (1 - p) * guess)
    : (p * slip) / (p * slip + (1 - p) * (1 - guess));
  return post + (1 - post) * BKT.learn;
}

/** P(L) of a template now, after forgetting since its last answer (P(L0) when never answered). */
export function pKnown(rec: TemplateRecord | undefined, now: number): number {
  if (!rec) return BKT.init;
  const days = Math.max(0, (now - rec.last) / DAY);
  return Math.max(BKT.init * 0.5, rec.p * Math.pow(1 - BKT.forget, days));
}

export interface AttemptInput {
  templateId: string;
  topic: string;
  title: string;
  kind: string;
  /** Number of options shown (single choice), for the guess probability. */
  options?: number;
  correct: boolean;
  misconception?: string;
  feedback?: string;
}

/** The state after one graded answer. */
export function recordAttempt(state: LearnerState, a: AttemptInput, now: number): LearnerState {
  const prev = state.templates[a.templateId];
  const p = bktUpdate(pKnown(prev, now), a.correct, guessProbability(a.kind, a.options ?? 0));
  const templates = {
    ...state.templates,
    [a.templateId]: {
      topic: a.topic,
      title: a.title,
      attempts: (prev?.attempts ?? 0) + 1,
      correct: (prev?.correct ?? 0) + (a.correct ? 1 : 0),
      p,
      last: now,
      run: a.correct ? (prev?.run ?? 0) + 1 : 0,
    },
  };
  let misconceptions = state.misconceptions;
  if (a.misconception) {
    const m = state.misconceptions[a.misconception];
    misconceptions = {
      ...misconceptions,
      [a.misconception]: {
        hits: (m?.hits ?? 0) + 1,
        last: now,
        templateId: a.templateId,
        title: a.title,
        topic: a.topic,
        feedback: a.feedback ?? m?.feedback ?? '',
        templates: { ...m?.templates, [a.templateId]: (m?.templates[a.templateId] ?? 0) + 1 },
      },
    };
  }
  const attempt: Attempt = { t: now, templateId: a.templateId, correct: a.correct };
  if (a.misconception) attempt.misconception = a.misconception;
  const log = [...state.log, attempt].slice(-LOG_LIMIT);
  const day = Math.floor(now / DAY);
  const s = state.streak;
  const days = day === s.lastDay ? s.days : day === s.lastDay + 1 ? s.days + 1 : 1;
  const current = a.correct ? s.current + 1 : 0;
  return {
    ...state,
    templates,
    misconceptions,
    log,
    streak: { current, best: Math.max(s.best, current), days, lastDay: day },
  };
}

export interface CatalogueEntry {
  id: string;
  topic: string;
  title: string;
  difficulty: number;
}

/** Mastery (mean P(L)) of each topic over the catalogue's templates, unseen ones at P(L0). */
export function topicMastery(
  state: LearnerState,
  catalogue: readonly CatalogueEntry[],
  now: number,
): Record<string, number> {
  const sums: Record<string, [number, number]> = {};
  for (const t of catalogue) {
    const s = (sums[t.topic] ??= [0, 0]);
    s[0] += pKnown(state.templates[t.id], now);
    s[1]++;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, [sum, n]]) => [k, sum / n]));
}

/** Whether every template of the list is mastered now. */
export function allMastered(state: LearnerState, ids: readonly string[], now: number): boolean {
  return ids.every((id) => pKnown(state.templates[id], now) >= BKT.mastery);
}

/** The misconceptions hit most (most hits first, then most recent). */
export function topMisconceptions(
  state: LearnerState,
  limit = 5,
): (MisconceptionRecord & { id: string })[] {
  return Object.entries(state.misconceptions)
    .map(([id, m]) => ({ id, ...m }))
    .sort((a, b) => b.hits - a.hits || b.last - a.last || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/** Checks an imported progress file; returns the state or one line on what is wrong. */
export function parseLearnerState(json: string): LearnerState | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { error: 'this file is not JSON; export your progress from this page to get one' };
  }
  const d = data as Partial<LearnerState> | null;
  if (!d || typeof d !== 'object' || d.schema !== 'dlexam.learner/1')
    return {
      error: `this is not a dlexam progress file: expected "schema": "dlexam.learner/1"`,
    };
  const isObj = (x: unknown) => !!x && typeof x === 'object' && !Array.isArray(x);
  if (!isObj(d.templates) || !isObj(d.misconceptions) || !Array.isArray(d.log) || !isObj(d.streak))
    return { error: 'the progress file lacks templates, misconceptions, log or streak' };
  for (const [id, r] of Object.entries(d.templates as Record<string, TemplateRecord>)) {
    if (
      !r ||
      typeof r.p !== 'number' ||
      !(r.p >= 0 && r.p <= 1) ||
      typeof r.attempts !== 'number' ||
      typeof r.last !== 'number'
    )
      return { error: `templates.${id}: expected attempts, last and p between 0 and 1` };
  }
  return d as LearnerState;
}
