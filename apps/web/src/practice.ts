import { html } from 'htm/preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  checkResponse,
  generateVariant,
  parseNumber,
  type CheckResult,
  type Response,
} from '@dlexam/generator';
import type { QuestionKind, Topic, Variant } from '@dlexam/types';
import { TOPIC_ORDER, loadRegistry, topicOfId } from './catalog.js';
import { CATALOGUE } from './template-list.js';
import { chooseNext, preferVariant } from './coach.js';
import { recordAttempt } from './learner.js';
import { loadLearner, saveLearner } from './progress.js';
import { markScrollables, watchScrollables } from './scrollables.js';
import { ready } from './own-templates.js';
import { isPracticeSeed, practiceSeed } from './seeds.js';
import { useRich } from './rich.js';
import { withTextCompiler } from './handlebars-runtime.js';

/**
 * A question to show. Without a seed (`#/practice/<templateId>`) a fresh one is drawn, preferring a
 * variant that offers `misconception` as a wrong option (the progress page's "practise it" links).
 */
export interface PracticeTarget {
  templateId: string;
  seed?: string;
  kind?: QuestionKind;
  misconception?: string;
}

export interface Filters {
  topic: Topic | 'mixed';
  templateId: string;
  difficulty: 'any' | '1' | '2' | '3';
}

/** Rich text: its math typeset by KaTeX once that has loaded, readable Unicode until then (rich.ts). */
export function Rich({ text, class: cls }: { text: string; class?: string }) {
  const render = useRich();
  return html`<div class=${cls ?? 'rich'} dangerouslySetInnerHTML=${{ __html: render(text) }}></div>`;
}

const COACH_KEY = 'dlexam.coach';

/** Whether "Coach me" is on (remembered in localStorage). */
function coachOn(): boolean {
  try {
    return localStorage.getItem(COACH_KEY) === '1';
  } catch {
    return false;
  }
}

/** The menus' defaults: any topic, template and difficulty. */
const ANY: Filters = { topic: 'mixed', templateId: 'any', difficulty: 'any' };

/** The hash of the question `drawFirstQuestion` drew (the page's own choice, not a link). */
let firstDrawn = '';

/**
 * On `/` with the coach off, draws the first question before the first render and puts its address
 * in place of `/` (no history entry to come back to a blank page), so its topic chunk can start
 * loading at once (`main.ts`). Returns the question to show, or the route's own.
 */
export function drawFirstQuestion(target: PracticeTarget | null): PracticeTarget | null {
  if (target || coachOn()) return target;
  // The seed index.html's inline script drew, to preload this question's topic chunk.
  const drawn = (window as { __dlexamFirstSeed?: string }).__dlexamFirstSeed;
  const t = nextTarget(ANY, drawn && isPracticeSeed(drawn) ? drawn : practiceSeed());
  firstDrawn = targetHash(t);
  history.replaceState(history.state, '', firstDrawn);
  return t;
}

/** Uniform in [0, 1) from the browser's crypto RNG (the coach's tie-breaks). */
const cryptoRandom = () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

/** Picks the next template for the filters from the catalogue (no topic chunk needed), with a fresh seed
 * (or the given one). */
export function nextTarget(f: Filters, seed = practiceSeed()): PracticeTarget {
  const n = parseInt(seed.slice(1, 9), 16);
  const all = CATALOGUE.filter((t) => f.topic === 'mixed' || t.topic === f.topic);
  const pool = all
    .filter((t) => f.templateId === 'any' || t.id === f.templateId)
    .filter((t) => f.difficulty === 'any' || String(t.difficulty) === f.difficulty);
  const list = pool.length ? pool : all;
  return { templateId: list[n % list.length]!.id, seed };
}

export function targetHash(t: PracticeTarget): string {
  const q = new URLSearchParams();
  if (t.kind) q.set('kind', t.kind);
  if (t.misconception && !t.seed) q.set('m', t.misconception);
  const query = q.size ? `?${q}` : '';
  return `#/practice/${encodeURIComponent(t.templateId)}${t.seed ? `/${encodeURIComponent(t.seed)}` : ''}${query}`;
}

/** A seeded target for the template, preferring a variant that offers the misconception. */
async function seededTarget(
  templateId: string,
  misconception: string | undefined,
  kind?: QuestionKind,
): Promise<PracticeTarget> {
  if (!misconception) return { templateId, seed: practiceSeed(), ...(kind ? { kind } : {}) };
  // An own template's topic is known once the instructor's modules have loaded.
  await ready();
  const registry = await loadRegistry([topicOfId(templateId)]);
  const seeds = Array.from({ length: 8 }, practiceSeed);
  const pick = await withTextCompiler(() =>
    preferVariant(registry.get(templateId), seeds, misconception),
  );
  return { templateId, seed: pick.seed, ...(pick.kind ? { kind: pick.kind } : {}) };
}

/** The coach's next question (`coach.ts`) and its one-line reason. */
async function coachTarget(): Promise<{ target: PracticeTarget; reason: string }> {
  const choice = chooseNext(loadLearner(), CATALOGUE, Date.now(), cryptoRandom);
  return {
    target: await seededTarget(choice.templateId, choice.misconception),
    reason: choice.reason,
  };
}

function AnswerInput({
  v,
  value,
  set,
  result,
  invalid,
}: {
  v: Variant;
  value: Response | null;
  set: (r: Response) => void;
  result: CheckResult | null;
  /** Inputs holding something that is not a number: `numeric`, or `i,j` for table cells. */
  invalid: Set<string>;
}) {
  const a = v.answer;
  const name = `answer-${v.seed}`;
  switch (a.kind) {
    case 'numeric':
      return html`<label class="field">Your answer${a.numeric.unit ? ` (${a.numeric.unit})` : ''}
        <input type="text" inputmode="decimal" autocomplete="off" data-testid="numeric-input"
          aria-invalid=${invalid.has('numeric') ? 'true' : undefined} aria-describedby=${invalid.size ? 'answer-notice' : undefined}
          value=${value?.kind === 'numeric' ? value.value : ''}
          onInput=${(e: Event) => set({ kind: 'numeric', value: (e.target as HTMLInputElement).value })} /></label>`;
    case 'single':
    case 'multiple': {
      const multi = a.kind === 'multiple';
      const picked =
        value?.kind === 'multiple' ? value.choices : value?.kind === 'single' ? [value.choice] : [];
      return html`<fieldset class="choices"><legend>${multi ? 'Select all that apply' : 'Choose one'}</legend>
        ${v.choices.map(
          (c, i) => html`<label class="choice" data-testid="choice">
            <input type=${multi ? 'checkbox' : 'radio'} name=${name} checked=${picked.includes(i)}
              onChange=${() =>
                multi
                  ? set({
                      kind: 'multiple',
                      choices: picked.includes(i) ? picked.filter((x) => x !== i) : [...picked, i],
                    })
                  : set({ kind: 'single', choice: i })} />
            <${Rich} text=${c.text} class="choice-text" /></label>`,
        )}</fieldset>`;
    }
    case 'matching': {
      const options = [...a.pairs.map((p) => p.answer), ...a.distractors.map((d) => d.text)].sort();
      const plainOf = (t: string) =>
        a.pairs.find((p) => p.answer === t)?.answerPlain ??
        a.distractors.find((d) => d.text === t)?.plain ??
        t;
      const answers = value?.kind === 'matching' ? value.answers : a.pairs.map(() => '');
      return html`<div class="matching">${a.pairs.map(
        (p, i) => html`<label class="field"><${Rich} text=${p.prompt} class="inline-rich" />
          <select data-testid="match-select" onChange=${(e: Event) => {
            const next = [...answers];
            next[i] = (e.target as HTMLSelectElement).value;
            set({ kind: 'matching', answers: next });
          }}><option value="">— choose —</option>
          ${options.map((o) => html`<option value=${o} selected=${answers[i] === o}>${plainOf(o)}</option>`)}</select></label>`,
      )}</div>`;
    }
    case 'short':
      return html`<label class="field">Your answer<input type="text" autocomplete="off" data-testid="short-input"
        onInput=${(e: Event) => set({ kind: 'short', text: (e.target as HTMLInputElement).value })} /></label>`;
    case 'table': {
      const cells = value?.kind === 'table' ? value.cells : a.rows.map((r) => r.map(() => null));
      const put = (i: number, j: number, x: string | number) => {
        const next = cells.map((r) => [...r]);
        next[i]![j] = x;
        set({ kind: 'table', cells: next });
      };
      return html`<div class="table-wrap"><table class="answer-table"><thead><tr>${a.header.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
        <tbody>${a.rows.map(
          (row, i) =>
            html`<tr>${row.map((c, j) => {
              const mark = result?.cells?.[i]?.[j];
              const cls = mark === true ? 'ok' : mark === false ? 'bad' : '';
              if (c.type === 'text')
                return html`<th scope="row"><${Rich} text=${c.text} class="inline-rich" /></th>`;
              const label = `${a.header[j] ?? 'cell'}, row ${i + 1}`;
              if (c.type === 'numeric')
                return html`<td class=${cls}><input type="text" inputmode="decimal" aria-label=${label} data-testid="cell-input"
                aria-invalid=${invalid.has(`${i},${j}`) ? 'true' : undefined} aria-describedby=${invalid.has(`${i},${j}`) ? 'answer-notice' : undefined}
                onInput=${(e: Event) => put(i, j, (e.target as HTMLInputElement).value)} /></td>`;
              return html`<td class=${cls}><select aria-label=${label} onChange=${(e: Event) => put(i, j, Number((e.target as HTMLSelectElement).value))}>
              <option value="">—</option>${c.options.map((o, k) => html`<option value=${k}>${o.plain}</option>`)}</select></td>`;
            })}</tr>`,
        )}</tbody></table></div>`;
    }
  }
}

/** Which inputs hold text that is not a number (the answer is not graded then). */
function notNumbers(v: Variant, r: Response): Set<string> {
  const bad = new Set<string>();
  if (r.kind === 'numeric' && parseNumber(r.value) === null) bad.add('numeric');
  if (r.kind === 'table' && v.answer.kind === 'table')
    v.answer.rows.forEach((row, i) =>
      row.forEach((c, j) => {
        const x = r.cells[i]?.[j];
        if (c.type === 'numeric' && typeof x === 'string' && x.trim() && parseNumber(x) === null)
          bad.add(`${i},${j}`);
      }),
    );
  return bad;
}

const NUMBER_HINT = 'Enter a number such as 12, -0.25 or 4.07e17.';

function Summary() {
  const s = loadLearner();
  const answered = s.log.length;
  if (!answered)
    return html`<p class="muted">Your progress appears here as you practise — <a href="#/progress">your progress</a>.</p>`;
  const right = s.log.filter((a) => a.correct).length;
  return html`<p class="muted" data-testid="summary">${answered} answered recently, ${right} right · streak ${s.streak.current} · <a href="#/progress">your progress</a></p>`;
}

type QuestionState = { v: Variant } | { error: string };

/**
 * A seeded question, generated once its topic chunk (and the instructor's own templates) have
 * loaded; a failure is the message to show.
 */
function questionState(target: PracticeTarget & { seed: string }): Promise<QuestionState> {
  // An own template's topic is known once the instructor's modules have loaded.
  return ready()
    .then(() => loadRegistry([topicOfId(target.templateId)]))
    .then((r) => {
      // Where the first question's time goes (apps/web/README.md lists the marks).
      performance.mark('dlexam:topic-loaded');
      // A wording the build did not precompile brings handlebars' compiler first.
      return withTextCompiler(() =>
        generateVariant(
          r.get(target.templateId),
          target.seed,
          target.kind ? { kind: target.kind } : {},
        ),
      );
    })
    .then(
      (v): QuestionState => {
        performance.mark('dlexam:generated');
        return { v };
      },
      (e: Error) => ({ error: e.message }),
    );
}

/** Questions generated before the first render, by their hash (`prepareQuestion`). */
const prepared = new Map<string, QuestionState>();

/**
 * Generates the page's first question before anything is rendered (main.ts), so that the first
 * render shows it: no frame of "Loading…" and no wait for an effect after that paint. Resolves once
 * `Practice` can take it.
 */
export async function prepareQuestion(target: PracticeTarget | null): Promise<void> {
  if (!target?.seed) return;
  prepared.set(targetHash(target), await questionState({ ...target, seed: target.seed }));
}

/** The prepared question for `target`, taken once. */
function takePrepared(target: PracticeTarget): QuestionState | null {
  const hash = targetHash(target);
  const state = prepared.get(hash) ?? null;
  prepared.delete(hash);
  return state;
}

/** Dispatched on `window` whenever a question is on screen (main.ts registers the service worker). */
export const QUESTION_SHOWN = 'dlexam:question-shown';

export function Practice({
  target,
  navigate,
}: {
  target: PracticeTarget | null;
  navigate: (hash: string) => void;
}) {
  const [filters, setFilters] = useState<Filters>(ANY);
  const [coach, setCoach] = useState(coachOn);
  const [reason, setReason] = useState<{ hash: string; text: string } | null>(null);
  const [, setTick] = useState(0);
  // The hash of the last question this page chose itself: any other target came from a link.
  const own = useRef(firstDrawn);

  const go = (t: PracticeTarget) => {
    own.current = targetHash(t);
    navigate(own.current);
  };
  const next = (coaching = coach) => {
    if (coaching)
      void coachTarget().then(({ target: t, reason: text }) => {
        setReason({ hash: targetHash(t), text });
        go(t);
      });
    else go(nextTarget(filters));
  };
  const toggleCoach = () => {
    const on = !coach;
    setCoach(on);
    try {
      localStorage.setItem(COACH_KEY, on ? '1' : '0');
    } catch {
      // Not kept; coaching still works for this visit.
    }
    if (on) next(true);
    else setReason(null);
  };

  const state = useTargetQuestion(target, navigate, own, next, setFilters);
  const v = state && 'v' in state ? state.v : null;
  const answer = useAnswer(target, v, () => setTick((n) => n + 1));
  const article = useQuestionShown(v);

  const shownReason =
    coach &&
    reason &&
    v &&
    reason.hash ===
      targetHash({
        templateId: v.templateId,
        seed: v.seed,
        ...(target?.kind ? { kind: target.kind } : {}),
      })
      ? reason.text
      : null;

  return html`<section class="practice" aria-labelledby="practice-h">
    <h1 id="practice-h">Practice</h1>
    <${FilterForm} filters=${filters} setFilters=${setFilters} coach=${coach} onNew=${() => next(false)} toggleCoach=${toggleCoach} />
    ${coach ? html`<p class="coach-reason" data-testid="coach-reason" role="status">${shownReason ?? 'Coach on: the next question targets what you keep getting wrong.'}</p>` : null}
    ${state && 'error' in state ? html`<p class="error" role="alert">This link does not name a question: ${state.error}</p>` : null}
    ${v ? html`<${QuestionView} v=${v} article=${article} answer=${answer} next=${() => next()} />` : null}
    <${Summary} />
  </section>`;
}

/**
 * The question `target` names: the prepared first one, or generated when the target changes. A
 * target without one navigates to a drawn question (none: the next the filters or coach pick), and
 * a question opened from a link sets the menus to its topic and template.
 */
function useTargetQuestion(
  target: PracticeTarget | null,
  navigate: (hash: string) => void,
  own: { current: string },
  next: () => void,
  setFilters: (f: Filters) => void,
): QuestionState | null {
  const [state, setState] = useState<QuestionState | null>(() =>
    target?.seed ? takePrepared(target) : null,
  );
  // The hash of the prepared first question the page opened with (its generation is done).
  const shownFirst = useRef(state && target ? targetHash(target) : '');

  useEffect(() => {
    if (!target) next();
    else if (!target.seed)
      // `#/practice/<templateId>[?m=…]`: draw a seed, keep the URL shareable.
      void seededTarget(target.templateId, target.misconception, target.kind)
        .then((t) => {
          own.current = '';
          navigate(targetHash(t));
        })
        .catch((e: Error) => setState({ error: e.message }));
  }, [target?.templateId, target?.seed, target?.kind, target?.misconception, !target]);

  // A question opened from a link sets the menus to its topic and template, so "Next variant" stays
  // on it; questions the page picks itself leave the menus alone.
  useEffect(() => {
    if (!target?.seed || targetHash(target) === own.current) return;
    const entry = CATALOGUE.find((t) => t.id === target.templateId);
    if (entry) setFilters({ topic: entry.topic, templateId: entry.id, difficulty: 'any' });
  }, [target?.templateId, target?.seed, target?.kind]);

  useEffect(() => {
    if (!target?.seed) return;
    // The first question was generated before the first render (main.ts) and is already shown.
    if (shownFirst.current === targetHash(target)) {
      shownFirst.current = '';
      return;
    }
    let live = true;
    void questionState({ ...target, seed: target.seed }).then((x) => live && setState(x));
    return () => void (live = false);
  }, [target?.templateId, target?.seed, target?.kind]);
  return state;
}

/** The answer being given to the question on screen, its check, and whether the solution shows. */
interface AnswerState {
  response: Response | null;
  result: CheckResult | null;
  invalid: Set<string>;
  showSolution: boolean;
  set: (r: Response) => void;
  toggleSolution: () => void;
  check: (e: Event) => void;
}

/** The answer state, cleared for each new target; a check grades it and records the attempt. */
function useAnswer(
  target: PracticeTarget | null,
  v: Variant | null,
  onRecorded: () => void,
): AnswerState {
  const [response, setResponse] = useState<Response | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [showSolution, setShowSolution] = useState(false);

  useEffect(() => {
    setResponse(null);
    setResult(null);
    setInvalid(new Set());
    setShowSolution(false);
  }, [target?.templateId, target?.seed, target?.kind]);

  const check = (e: Event) => {
    e.preventDefault();
    if (!v || !response) return;
    // Text that is not a number is not an answer: ask for a number, grade nothing.
    const bad = notNumbers(v, response);
    setInvalid(bad);
    if (bad.size) {
      setResult(null);
      return;
    }
    const r = checkResponse(v, response);
    setResult(r);
    saveLearner(
      recordAttempt(
        loadLearner(),
        {
          templateId: v.templateId,
          topic: v.topic,
          title: v.title,
          kind: v.kind,
          options: v.choices.length,
          correct: r.correct,
          ...(r.misconception ? { misconception: r.misconception, feedback: r.feedback } : {}),
        },
        Date.now(),
      ),
    );
    onRecorded();
  };
  return {
    response,
    result,
    invalid,
    showSolution,
    set: (r: Response) => (setResponse(r), setResult(null), setInvalid(new Set())),
    toggleSolution: () => setShowSolution(!showSolution),
    check,
  };
}

/**
 * The ref of the question's article: wide equations, tables, figures and code in it scroll sideways
 * with a visible cue (scrollables.ts); `QUESTION_SHOWN` is dispatched for each question shown.
 */
function useQuestionShown(v: Variant | null) {
  const article = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (article.current) markScrollables(article.current);
  });
  useEffect(() => (article.current ? watchScrollables(article.current) : undefined), [v]);
  useEffect(() => {
    if (v) dispatchEvent(new Event(QUESTION_SHOWN));
  }, [v]);
  return article;
}

/** The topic, template and difficulty menus, "New question" and the coach toggle. */
function FilterForm({
  filters,
  setFilters,
  coach,
  onNew,
  toggleCoach,
}: {
  filters: Filters;
  setFilters: (f: Filters) => void;
  coach: boolean;
  onNew: () => void;
  toggleCoach: () => void;
}) {
  // The template menu's options (one per template) are written once the first question has been
  // painted: until then it holds its chosen entry only. Creating, styling and measuring them all
  // was part of the time to the first question.
  const [allOptions, setAllOptions] = useState(false);
  useEffect(() => setAllOptions(true), []);
  const templates = CATALOGUE.filter(
    (t) =>
      (filters.topic === 'mixed' || t.topic === filters.topic) &&
      (allOptions || t.id === filters.templateId),
  );
  return html`<form class="filters" onSubmit=${(e: Event) => (e.preventDefault(), onNew())}>
      <label>Topic <select data-testid="topic-select" onChange=${(e: Event) =>
        setFilters({
          ...filters,
          topic: (e.target as HTMLSelectElement).value as Filters['topic'],
          templateId: 'any',
        })}>
        <option value="mixed" selected=${filters.topic === 'mixed'}>Mixed</option>${TOPIC_ORDER.map((t) => html`<option value=${t} selected=${filters.topic === t}>${t}</option>`)}</select></label>
      <label>Template <select data-testid="template-select" onChange=${(e: Event) => setFilters({ ...filters, templateId: (e.target as HTMLSelectElement).value })}>
        <option value="any" selected=${filters.templateId === 'any'}>Any</option>${templates.map((t) => html`<option value=${t.id} selected=${filters.templateId === t.id}>${t.title}</option>`)}</select></label>
      <label>Difficulty <select onChange=${(e: Event) => setFilters({ ...filters, difficulty: (e.target as HTMLSelectElement).value as Filters['difficulty'] })}>
        <option value="any" selected=${filters.difficulty === 'any'}>Any</option><option value="1" selected=${filters.difficulty === '1'}>1 · recall</option><option value="2" selected=${filters.difficulty === '2'}>2 · apply</option><option value="3" selected=${filters.difficulty === '3'}>3 · analyse</option></select></label>
      <button type="submit">New question</button>
      <button type="button" class="coach-toggle" data-testid="coach-toggle" aria-pressed=${coach ? 'true' : 'false'} onClick=${toggleCoach}>Coach me</button>
    </form>`;
}

/** The question on screen: stem, figure, answer form, result, solution and its share link. */
function QuestionView({
  v,
  article,
  answer,
  next,
}: {
  v: Variant;
  article: { current: HTMLElement | null };
  answer: AnswerState;
  next: () => void;
}) {
  const { response, result, invalid, showSolution } = answer;
  return html`<article ref=${article} class="question" data-testid="question" data-template=${v.templateId} data-seed=${v.seed} data-kind=${v.kind}>
          <header><h2>${v.title}</h2><span class="muted">${v.topic} · difficulty ${v.difficulty} · <code>${v.templateId}</code></span></header>
          <${Rich} text=${v.stem} />
          ${v.figure ? html`<figure class="figure" role="img" aria-label=${v.figure.alt} dangerouslySetInnerHTML=${{ __html: v.figure.svg }}></figure>` : null}
          <form onSubmit=${answer.check} class="answer">
            <${AnswerInput} v=${v} value=${response} set=${answer.set} result=${result} invalid=${invalid} />
            <div class="actions">
              <button type="submit" disabled=${!response}>Check</button>
              <button type="button" onClick=${answer.toggleSolution} aria-expanded=${showSolution}>${showSolution ? 'Hide' : 'Show'} solution</button>
              <button type="button" onClick=${next}>Next variant</button>
            </div>
          </form>
          <div aria-live="polite">${
            invalid.size
              ? html`<p class="result notice" id="answer-notice" data-testid="notice">${invalid.has('numeric') ? NUMBER_HINT : `${NUMBER_HINT.replace('Enter a number', 'Enter numbers in the marked cells,')}`}</p>`
              : result
                ? html`<p class=${result.correct ? 'result ok' : 'result bad'} data-testid="result">
                <strong>${result.correct ? 'Correct.' : 'Not quite.'}</strong> ${result.correct ? '' : result.feedback}</p>`
                : null
          }</div>
          ${showSolution ? html`<section class="solution" data-testid="solution"><h3>Worked solution</h3><${Rich} text=${v.solution} /></section>` : null}
          <p class="muted share">Share this exact question: <a href=${targetHash({ templateId: v.templateId, seed: v.seed, kind: v.kind })}>link</a></p>
        </article>`;
}
