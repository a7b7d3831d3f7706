import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { TOPIC_ORDER } from './catalog.js';
import { CATALOGUE } from './template-list.js';
import { targetHash } from './practice.js';
import {
  BKT,
  pKnown,
  parseLearnerState,
  topMisconceptions,
  topicMastery,
  type LearnerState,
} from './learner.js';
import { loadLearner, resetLearner, saveLearner } from './progress.js';

const pct = (p: number) => `${Math.round(p * 100)} %`;

/** Mastery per topic as a horizontal bar chart; the table below carries the same figures. */
function MasteryChart({ mastery }: { mastery: Record<string, number> }) {
  const rowH = 34;
  const labelW = 130;
  const barW = 360;
  const h = TOPIC_ORDER.length * rowH + 28;
  const summary = TOPIC_ORDER.map((t) => `${t} ${pct(mastery[t] ?? 0)}`).join(', ');
  return html`<svg class="chart" data-testid="mastery-chart" viewBox=${`0 0 ${labelW + barW + 60} ${h}`} role="img"
      aria-labelledby="chart-title chart-desc">
    <title id="chart-title">Mastery per topic</title>
    <desc id="chart-desc">${`Estimated mastery: ${summary}. Mastered at ${pct(BKT.mastery)}.`}</desc>
    ${TOPIC_ORDER.map((t, i) => {
      const y = i * rowH + 6;
      const m = mastery[t] ?? 0;
      return html`<g>
        <text x=${labelW - 8} y=${y + 17} text-anchor="end" class="chart-label">${t}</text>
        <rect x=${labelW} y=${y} width=${barW} height="22" class="chart-track" />
        <rect x=${labelW} y=${y} width=${Math.max(1, m * barW)} height="22" class=${m >= BKT.mastery ? 'chart-bar done' : 'chart-bar'} />
        <text x=${labelW + barW + 8} y=${y + 17} class="chart-label">${pct(m)}</text></g>`;
    })}
    <line x1=${labelW + BKT.mastery * barW} x2=${labelW + BKT.mastery * barW} y1="0" y2=${h - 20} class="chart-goal" />
    <text x=${labelW + BKT.mastery * barW} y=${h - 6} text-anchor="middle" class="chart-note">mastered</text>
  </svg>`;
}

function download(name: string, text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function ProgressPage() {
  const [state, setState] = useState<LearnerState>(loadLearner);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const now = Date.now();
  const mastery = topicMastery(state, CATALOGUE, now);
  const practised = CATALOGUE.filter((t) => state.templates[t.id]);
  const mistakes = topMisconceptions(state, 5);

  const importFile = async (ev: Event) => {
    const input = ev.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const parsed = parseLearnerState(await file.text());
    input.value = '';
    if ('error' in parsed) {
      setMessage({ ok: false, text: `${file.name}: ${parsed.error}` });
      return;
    }
    saveLearner(parsed);
    setState(parsed);
    setMessage({ ok: true, text: `Imported ${file.name}.` });
  };

  return html`<section class="progress-page" aria-labelledby="progress-h">
    <h1 id="progress-h">Your progress</h1>
    <p class="muted">Kept in this browser only. Mastery is estimated with Bayesian Knowledge Tracing
      (Corbett & Anderson, 1994) and fades slowly while you do not practise.</p>
    <ul class="streak" data-testid="streak" aria-label="Streaks">
      <li><strong>${state.streak.current}</strong> right in a row</li>
      <li><strong>${state.streak.best}</strong> best run</li>
      <li><strong>${state.streak.days}</strong> ${state.streak.days === 1 ? 'day' : 'days'} in a row</li>
    </ul>

    <h2>Mastery per topic</h2>
    <${MasteryChart} mastery=${mastery} />
    <table class="mastery-table" data-testid="topic-table"><caption>Mastery per topic (the chart's figures)</caption>
      <thead><tr><th scope="col">Topic</th><th scope="col">Mastery</th><th scope="col">Templates mastered</th><th scope="col">Answers</th></tr></thead>
      <tbody>${TOPIC_ORDER.map((topic) => {
        const ts = CATALOGUE.filter((t) => t.topic === topic);
        const done = ts.filter((t) => pKnown(state.templates[t.id], now) >= BKT.mastery).length;
        const answers = ts.reduce((s, t) => s + (state.templates[t.id]?.attempts ?? 0), 0);
        return html`<tr><th scope="row">${topic}</th><td>${pct(mastery[topic] ?? 0)}</td><td>${done} of ${ts.length}</td><td>${answers}</td></tr>`;
      })}</tbody></table>

    <h2>Templates you practised</h2>
    ${
      practised.length
        ? html`<div class="table-wrap"><table class="mastery-table" data-testid="template-table"><caption>Mastery per template</caption>
      <thead><tr><th scope="col">Template</th><th scope="col">Mastery</th><th scope="col">Right</th><th scope="col"><span class="sr-only">Practise</span></th></tr></thead>
      <tbody>${practised.map((t) => {
        const r = state.templates[t.id]!;
        const p = pKnown(r, now);
        return html`<tr><th scope="row">${t.title} <span class="muted">(${t.topic})</span></th>
          <td><span class="meter" aria-hidden="true"><span style=${`width:${Math.round(p * 100)}%`}></span></span> ${pct(p)}</td>
          <td>${r.correct} of ${r.attempts}</td><td><a href=${targetHash({ templateId: t.id })}>Practise</a></td></tr>`;
      })}</tbody></table></div>`
        : html`<p class="muted">Nothing yet: <a href="#/practice">start practising</a>.</p>`
    }

    <h2>Mistakes you made most</h2>
    ${
      mistakes.length
        ? html`<ol class="mistakes" data-testid="mistakes">${mistakes.map(
            (m) => html`<li><strong>${m.feedback || m.id}</strong><br />
            <span class="muted">${m.hits} ${m.hits === 1 ? 'time' : 'times'}, last in “${m.title}” · <code>${m.id}</code></span>
            <a href=${targetHash({ templateId: m.templateId, misconception: m.id })} data-testid="practise-mistake">Practise this</a></li>`,
          )}</ol>`
        : html`<p class="muted">No recognised mistakes yet.</p>`
    }

    <h2>Keep or move your progress</h2>
    <div class="actions">
      <button type="button" data-testid="export-progress" onClick=${() => download('dlexam-progress.json', JSON.stringify(state, null, 2))}>Export as JSON</button>
      <label class="file-button">Import a JSON file <input type="file" accept="application/json,.json" data-testid="import-progress" onChange=${importFile} /></label>
      ${
        confirming
          ? html`<span role="group" aria-label="Confirm reset" class="confirm">Erase all progress in this browser?
            <button type="button" data-testid="reset-confirm" onClick=${() => (setState(resetLearner()), setConfirming(false), setMessage({ ok: true, text: 'Progress erased.' }))}>Erase</button>
            <button type="button" onClick=${() => setConfirming(false)}>Keep it</button></span>`
          : html`<button type="button" data-testid="reset-progress" onClick=${() => setConfirming(true)}>Reset progress</button>`
      }
    </div>
    ${message ? html`<p class=${message.ok ? 'muted' : 'error'} role=${message.ok ? 'status' : 'alert'} data-testid="progress-message">${message.text}</p>` : null}
  </section>`;
}
