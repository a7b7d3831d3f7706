import './style.css';
import { html, render } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { QuestionKind } from '@dlexam/types';
import {
  Practice,
  QUESTION_SHOWN,
  drawFirstQuestion,
  prepareQuestion,
  type PracticeTarget,
} from './practice.js';
import { loadKatex } from './rich.js';
import { loadTextCompiler } from './handlebars-runtime.js';

type Route =
  | { page: 'practice'; target: PracticeTarget | null }
  | { page: 'builder' }
  | { page: 'analyze' }
  | { page: 'progress' }
  | { page: 'templates' };

/**
 * `#/practice/<templateId>/<seed>[?kind=K]` reproduces a variant exactly; `#/practice/<templateId>
 * [?m=<misconception>]` draws a new one (offering that misconception where it can); `#/builder`,
 * `#/analyze`, `#/progress` and `#/templates` are the other pages.
 */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'builder') return { page: 'builder' };
  if (parts[0] === 'analyze') return { page: 'analyze' };
  if (parts[0] === 'templates') return { page: 'templates' };
  if (parts[0] === 'progress') return { page: 'progress' };
  if (parts[0] === 'practice' && parts[1]) {
    const q = new URLSearchParams(query);
    const kind = q.get('kind');
    const m = q.get('m');
    return {
      page: 'practice',
      target: {
        templateId: parts[1],
        ...(parts[2] ? { seed: parts[2] } : {}),
        ...(kind ? { kind: kind as QuestionKind } : {}),
        ...(m && !parts[2] ? { misconception: m } : {}),
      },
    };
  }
  return { page: 'practice', target: null };
}

/** The builder (and its exporters) loads on first visit, so practice stays small. */
function LazyBuilder() {
  const [Builder, setBuilder] = useState<ComponentType | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    // The builder may narrow a template to wordings the site did not precompile: it brings
    // handlebars' compiler (handlebars-runtime.ts).
    void Promise.all([
      import('./builder.js'),
      import('./catalog.js').then((c) => c.loadRegistry()),
      loadTextCompiler(),
    ])
      .then(([m, registry]) => setBuilder(() => () => html`<${m.Builder} registry=${registry} />`))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error)
    return html`<p class="error" role="alert">The exam builder could not load: ${error}</p>`;
  return Builder ? html`<${Builder} />` : html`<p role="status">Loading the exam builder…</p>`;
}

/** The results analysis loads on first visit too (it brings the analyzer and KaTeX rendering). */
function LazyAnalyze() {
  const [Page, setPage] = useState<ComponentType | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void import('./analyze-page.js')
      .then((m) => setPage(() => m.AnalyzePage))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error)
    return html`<p class="error" role="alert">The results analysis could not load: ${error}</p>`;
  return Page ? html`<${Page} />` : html`<p role="status">Loading the results analysis…</p>`;
}

/** The progress page (its chart and tables) loads on first visit. */
function LazyProgress() {
  const [Page, setPage] = useState<ComponentType | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void import('./progress-page.js')
      .then((m) => setPage(() => m.ProgressPage))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error) return html`<p class="error" role="alert">Your progress could not load: ${error}</p>`;
  return Page ? html`<${Page} />` : html`<p role="status">Loading your progress…</p>`;
}

/** The "Your templates" page loads on first visit. */
function LazyTemplates() {
  const [Page, setPage] = useState<ComponentType | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void import('./templates-page.js')
      .then((m) => setPage(() => m.TemplatesPage))
      .catch((e: Error) => setError(e.message));
  }, []);
  if (error) return html`<p class="error" role="alert">The page could not load: ${error}</p>`;
  return Page ? html`<${Page} />` : html`<p role="status">Loading…</p>`;
}

function App() {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  const navigate = (hash: string) => {
    if (location.hash === hash) return;
    location.hash = hash;
  };
  return html`<header class="top"><a class="brand" href="#/practice">dlexam</a>
      <nav aria-label="Main"><a href="#/practice" aria-current=${route.page === 'practice' ? 'page' : undefined}>Practice</a>
      <a href="#/progress" aria-current=${route.page === 'progress' ? 'page' : undefined}>Progress</a>
      <a href="#/builder" aria-current=${route.page === 'builder' ? 'page' : undefined}>Exam builder</a>
      <a href="#/analyze" aria-current=${route.page === 'analyze' ? 'page' : undefined}>After the exam</a>
      <a href="#/templates" aria-current=${route.page === 'templates' ? 'page' : undefined}>Your templates</a></nav></header>
    <main>${route.page === 'builder' ? html`<${LazyBuilder} />` : route.page === 'analyze' ? html`<${LazyAnalyze} />` : route.page === 'progress' ? html`<${LazyProgress} />` : route.page === 'templates' ? html`<${LazyTemplates} />` : html`<${Practice} target=${route.target} navigate=${navigate} />`}</main>
    <footer class="muted">Every question is generated and checked in your browser; answers come from a verified math core.</footer>`;
}

/**
 * Offline after the first visit: the Workbox service worker (built by vite-plugin-pwa, `sw.js`)
 * precaches the whole site. It is registered once the first question is on screen (or once a
 * page other than practice has loaded), so its downloads never delay the first question.
 */
function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((e: Error) => {
    // No offline copy (private mode, file://): the site works online as before.
    console.warn(`dlexam: no offline copy: ${e.message}`);
  });
}
addEventListener(
  QUESTION_SHOWN,
  () => {
    // The load-to-first-question time, read by the browser tests (test/offline.test.ts).
    performance.mark('dlexam:first-question');
    // KaTeX comes after the first question (readable meanwhile, rich.ts), then the offline copy.
    void loadKatex().finally(registerServiceWorker);
  },
  { once: true },
);
addEventListener('load', () => {
  if (parseRoute(location.hash).page !== 'practice') registerServiceWorker();
});

/**
 * The first question is generated before the first render: on `/` (coach off) it is drawn now
 * (`drawFirstQuestion`, its topic chunk already preloaded by index.html), and a shared link's is
 * generated at once. The page renders once it is ready, so the first render shows it (the static
 * "Loading dlexam…" note stays meanwhile); after `FIRST_RENDER_WAIT_MS` it renders regardless and
 * the question follows as it would later.
 */
const FIRST_RENDER_WAIT_MS = 400;

function startFirstQuestion(): Promise<void> {
  performance.mark('dlexam:start');
  const route = parseRoute(location.hash);
  if (route.page !== 'practice') return Promise.resolve();
  // A failure shows where the question is generated (practice.ts).
  return prepareQuestion(drawFirstQuestion(route.target)).catch(() => {});
}

const firstQuestion = startFirstQuestion();
const root = document.getElementById('app')!;
void Promise.race([
  firstQuestion,
  new Promise<void>((r) => setTimeout(r, FIRST_RENDER_WAIT_MS)),
]).then(() => {
  root.textContent = ''; // drop the static loading note before the first render
  render(html`<${App} />`, root);
});
