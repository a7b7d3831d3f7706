import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  checkResponse,
  generateVariant,
  type CheckResult,
  type Response,
  type Template,
} from '@dlexam/generator';
import { richTextToHtml } from '@dlexam/export-html';
import { TOPICS, type QuestionKind, type Topic, type Variant } from '@dlexam/types';
import { TOPIC_ORDER, loadRegistry, loadTopic, topicOfId } from './catalog.js';
import { ready } from './own-templates.js';
import { loadProgress, recordAttempt, type TopicProgress } from './progress.js';
import { practiceSeed } from './seeds.js';

export interface PracticeTarget {
  templateId: string;
  seed: string;
  kind?: QuestionKind;
}

interface Filters {
  topic: Topic | 'mixed';
  templateId: string;
  difficulty: 'any' | '1' | '2' | '3';
}

const Rich = ({ text, class: cls }: { text: string; class?: string }) =>
  html`<div class=${cls ?? 'rich'} dangerouslySetInnerHTML=${{ __html: richTextToHtml(text) }}></div>`;

/** Picks the next template for the filters (topic chunks load on demand), with a fresh seed. */
export async function nextTarget(f: Filters): Promise<PracticeTarget> {
  const seed = practiceSeed();
  const n = parseInt(seed.slice(1, 7), 16);
  const topic = f.topic === 'mixed' ? (TOPIC_ORDER[n % TOPIC_ORDER.length] as Topic) : f.topic;
  const all = await loadTopic(topic);
  const pool = all
    .filter((t) => f.templateId === 'any' || t.id === f.templateId)
    .filter((t) => f.difficulty === 'any' || String(t.difficulty) === f.difficulty);
  const list = pool.length ? pool : all;
  return { templateId: list[Math.floor(n / TOPIC_ORDER.length) % list.length]!.id, seed };
}

export function targetHash(t: PracticeTarget): string {
  return `#/practice/${encodeURIComponent(t.templateId)}/${encodeURIComponent(t.seed)}${t.kind ? `?kind=${t.kind}` : ''}`;
}

function AnswerInput({
  v,
  value,
  set,
  result,
}: {
  v: Variant;
  value: Response | null;
  set: (r: Response) => void;
  result: CheckResult | null;
}) {
  const a = v.answer;
  const name = `answer-${v.seed}`;
  switch (a.kind) {
    case 'numeric':
      return html`<label class="field">Your answer${a.numeric.unit ? ` (${a.numeric.unit})` : ''}
        <input type="text" inputmode="decimal" autocomplete="off" data-testid="numeric-input"
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
                onInput=${(e: Event) => put(i, j, (e.target as HTMLInputElement).value)} /></td>`;
              return html`<td class=${cls}><select aria-label=${label} onChange=${(e: Event) => put(i, j, Number((e.target as HTMLSelectElement).value))}>
              <option value="">—</option>${c.options.map((o, k) => html`<option value=${k}>${o.plain}</option>`)}</select></td>`;
            })}</tr>`,
        )}</tbody></table></div>`;
    }
  }
}

function ProgressBar({ progress }: { progress: Record<string, TopicProgress> }) {
  const rows = TOPICS.filter((t) => progress[t]);
  if (!rows.length) return html`<p class="muted">Your progress appears here as you practise.</p>`;
  return html`<ul class="progress" aria-label="Progress per topic">${rows.map((t) => {
    const p = progress[t]!;
    return html`<li><strong>${t}</strong> ${p.right}/${p.tried} right · streak ${p.streak}</li>`;
  })}</ul>`;
}

export function Practice({
  target,
  navigate,
}: {
  target: PracticeTarget | null;
  navigate: (hash: string) => void;
}) {
  const [filters, setFilters] = useState<Filters>({
    topic: 'mixed',
    templateId: 'any',
    difficulty: 'any',
  });
  const [response, setResponse] = useState<Response | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [showSolution, setShowSolution] = useState(false);
  const [progress, setProgress] = useState(loadProgress);

  const [templates, setTemplates] = useState<Template<any>[]>([]);
  const [state, setState] = useState<{ v: Variant } | { error: string } | null>(null);
  const next = () => void nextTarget(filters).then((t) => navigate(targetHash(t)));

  useEffect(() => {
    if (!target) next();
  }, [target]);

  // The template list of the chosen topic, for the filter.
  useEffect(() => {
    let live = true;
    void (
      filters.topic === 'mixed' ? loadRegistry().then((r) => r.list()) : loadTopic(filters.topic)
    ).then((l) => live && setTemplates(l));
    return () => void (live = false);
  }, [filters.topic]);

  useEffect(() => {
    if (!target) return;
    let live = true;
    const show = (x: { v: Variant } | { error: string }) => live && setState(x);
    try {
      // An own template's topic is known once the instructor's modules have loaded.
      void ready()
        .then(() => loadRegistry([topicOfId(target.templateId)]))
        .then((r) =>
          show({
            v: generateVariant(
              r.get(target.templateId),
              target.seed,
              target.kind ? { kind: target.kind } : {},
            ),
          }),
        )
        .catch((e: Error) => show({ error: e.message }));
    } catch (e) {
      show({ error: (e as Error).message });
    }
    return () => void (live = false);
  }, [target?.templateId, target?.seed, target?.kind]);

  useEffect(() => {
    setResponse(null);
    setResult(null);
    setShowSolution(false);
  }, [target?.templateId, target?.seed, target?.kind]);

  const v = state && 'v' in state ? state.v : null;

  const check = (e: Event) => {
    e.preventDefault();
    if (!v || !response) return;
    const r = checkResponse(v, response);
    setResult(r);
    setProgress(recordAttempt(v.topic, r.correct));
  };

  return html`<section class="practice" aria-labelledby="practice-h">
    <h1 id="practice-h">Practice</h1>
    <form class="filters" onSubmit=${(e: Event) => (e.preventDefault(), next())}>
      <label>Topic <select data-testid="topic-select" value=${filters.topic} onChange=${(
        e: Event,
      ) =>
        setFilters({
          ...filters,
          topic: (e.target as HTMLSelectElement).value as Filters['topic'],
          templateId: 'any',
        })}>
        <option value="mixed">Mixed</option>${TOPIC_ORDER.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <label>Template <select value=${filters.templateId} onChange=${(e: Event) => setFilters({ ...filters, templateId: (e.target as HTMLSelectElement).value })}>
        <option value="any">Any</option>${templates.map((t) => html`<option value=${t.id}>${t.title}</option>`)}</select></label>
      <label>Difficulty <select value=${filters.difficulty} onChange=${(e: Event) => setFilters({ ...filters, difficulty: (e.target as HTMLSelectElement).value as Filters['difficulty'] })}>
        <option value="any">Any</option><option value="1">1 · recall</option><option value="2">2 · apply</option><option value="3">3 · analyse</option></select></label>
      <button type="submit">New question</button>
    </form>
    ${state && 'error' in state ? html`<p class="error" role="alert">This link does not name a question: ${state.error}</p>` : null}
    ${
      v
        ? html`<article class="question" data-testid="question" data-template=${v.templateId} data-seed=${v.seed}>
          <header><h2>${v.title}</h2><span class="muted">${v.topic} · difficulty ${v.difficulty} · <code>${v.templateId}</code></span></header>
          <${Rich} text=${v.stem} />
          ${v.figure ? html`<figure class="figure" role="img" aria-label=${v.figure.alt} dangerouslySetInnerHTML=${{ __html: v.figure.svg }}></figure>` : null}
          <form onSubmit=${check} class="answer">
            <${AnswerInput} v=${v} value=${response} set=${(r: Response) => (setResponse(r), setResult(null))} result=${result} />
            <div class="actions">
              <button type="submit" disabled=${!response}>Check</button>
              <button type="button" onClick=${() => setShowSolution(!showSolution)} aria-expanded=${showSolution}>${showSolution ? 'Hide' : 'Show'} solution</button>
              <button type="button" onClick=${next}>Next variant</button>
            </div>
          </form>
          <div aria-live="polite">${
            result
              ? html`<p class=${result.correct ? 'result ok' : 'result bad'} data-testid="result">
                <strong>${result.correct ? 'Correct.' : 'Not quite.'}</strong> ${result.correct ? '' : result.feedback}</p>`
              : null
          }</div>
          ${showSolution ? html`<section class="solution" data-testid="solution"><h3>Worked solution</h3><${Rich} text=${v.solution} /></section>` : null}
          <p class="muted share">Share this exact question: <a href=${targetHash({ templateId: v.templateId, seed: v.seed, kind: v.kind })}>link</a></p>
        </article>`
        : null
    }
    <${ProgressBar} progress=${progress} />
  </section>`;
}
