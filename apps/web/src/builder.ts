import 'katex/dist/katex.min.css';
import { html } from 'htm/preact';
import { Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import {
  assembleExam,
  formatNumericAnswer,
  parseExamSpec,
  type ExamSpec,
  type SlotSpec,
} from '@dlexam/generator';
import { type Exam, type MultipleScoring, type QuestionKind, type Variant } from '@dlexam/types';
import type { TemplateRegistry } from '@dlexam/generator';
import { richTextToHtml } from '@dlexam/export-html';
import { excerpt } from './excerpt.js';
import { ParamsForm, slotParams, type ParamInputs } from './params-form.js';
import { CATALOGUE } from './template-list.js';
import type { DownloadFile, DownloadFormat, DownloadRequest } from './downloads.js';
import { examSeed } from './seeds.js';

interface SlotRow {
  /** Stable across removals, so each slot keeps its own parameter form state. */
  id: number;
  source: string; // 'topic:cnn' or 'template:cnn.conv-output-size'
  kind: QuestionKind | '';
  count: number;
  points: number;
  /** Parameter form inputs (single-template slots only). */
  params: ParamInputs;
}

let nextRowId = 0;
const newRow = (source: string, points: number): SlotRow => ({
  id: nextRowId++,
  source,
  kind: '',
  count: 1,
  points,
  params: {},
});

function download(name: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([content as BlobPart], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Renders one download in a fresh export worker (`export-worker.ts`), stopped once it answers. */
function renderInWorker(request: DownloadRequest): Promise<DownloadFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (
      ev: MessageEvent<{ ok: true; file: DownloadFile } | { ok: false; message: string }>,
    ) => {
      worker.terminate();
      if (ev.data.ok) resolve(ev.data.file);
      else reject(new Error(ev.data.message));
    };
    worker.onerror = (ev) => {
      worker.terminate();
      reject(new Error(ev.message || 'the export worker failed to start'));
    };
    worker.postMessage(request);
  });
}

/** Assembles the exam in a fresh worker (`assemble-worker.ts`), so the page stays responsive. */
function assembleInWorker(spec: ExamSpec): Promise<Exam> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./assemble-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (
      ev: MessageEvent<{ ok: true; exam: Exam } | { ok: false; message: string }>,
    ) => {
      worker.terminate();
      if (ev.data.ok) resolve(ev.data.exam);
      else reject(new Error(ev.data.message));
    };
    worker.onerror = (ev) => {
      worker.terminate();
      reject(new Error(ev.message || 'the exam worker failed to start'));
    };
    worker.postMessage({ spec });
  });
}

const BUILT_IN = new Set(CATALOGUE.map((t) => t.id));

const templateOf = (registry: TemplateRegistry, r: SlotRow) =>
  r.source.startsWith('template:') ? registry.get(r.source.slice(9)) : null;

/**
 * Form-level problems of the parameter sections (e.g. min above max), worded like parseExamSpec's
 * errors; anything the form lets through is left to parseExamSpec itself.
 */
function paramProblems(registry: TemplateRegistry, rows: SlotRow[]): string[] {
  return rows.flatMap((r, i) => {
    const t = templateOf(registry, r);
    if (!t) return [];
    return Object.entries(slotParams(t, r.params).problems).map(
      ([name, why]) => `spec.slots[${i}].params.${name}: ${why}`,
    );
  });
}

function toSpec(
  title: string,
  course: string,
  versions: number,
  seed: string,
  rows: SlotRow[],
  registry: TemplateRegistry,
  grading: MultipleScoring = 'right-minus-wrong',
): ExamSpec {
  const slots: SlotSpec[] = rows.map((r) => {
    const [type, id] = r.source.split(':') as [string, string];
    const s: SlotSpec = type === 'topic' ? { topic: id as SlotSpec['topic'] } : { template: id };
    if (r.kind) s.kind = r.kind;
    s.count = r.count;
    s.points = r.points;
    const t = templateOf(registry, r);
    if (t) {
      const { params } = slotParams(t, r.params);
      if (Object.keys(params).length) s.params = params;
    }
    return s;
  });
  const spec: ExamSpec = { title, versions, seed, slots };
  if (course) spec.course = course;
  if (grading !== 'right-minus-wrong') spec.grading = grading;
  return spec;
}

/** One-line answer for the preview table (the exporters carry the full key). */
function answerText(v: Variant): string {
  const a = v.answer;
  switch (a.kind) {
    case 'numeric':
      return formatNumericAnswer(a.numeric);
    case 'single':
      return v.choices[a.correct]?.plain ?? '';
    case 'multiple':
      return a.correct.map((i) => v.choices[i]?.plain).join('; ');
    case 'matching':
      return a.pairs.map((p) => `${p.promptPlain} → ${p.answerPlain}`).join('; ');
    case 'short':
      return a.accepted[0] ?? '';
    case 'table':
      return `${a.rows.flat().filter((c) => c.type !== 'text').length} cells (see answer key)`;
  }
}

/** The builder works on the full registry; it loads every topic chunk once. */
export function Builder({ registry }: { registry: TemplateRegistry }) {
  const [title, setTitle] = useState('Midterm practice exam');
  const [course, setCourse] = useState('');
  const [versions, setVersions] = useState(3);
  const [seed, setSeed] = useState(examSeed);
  const [grading, setGrading] = useState<MultipleScoring>('right-minus-wrong');
  const [rows, setRows] = useState<SlotRow[]>(() =>
    registry.topics().map((t) => newRow(`topic:${t}`, 2)),
  );
  const [exam, setExam] = useState<Exam | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState('');
  const [previewTick, setPreviewTick] = useState(0);

  const update = (i: number, patch: Partial<SlotRow>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setExam(null);
  };

  const job = useRef(0);
  /**
   * Checks the spec here (its errors show at once), then assembles the exam in a worker. A registry
   * holding templates the worker does not know (loaded into the page) assembles on the page.
   */
  const build = async (): Promise<Exam | null> => {
    const id = ++job.current;
    try {
      const problems = paramProblems(registry, rows);
      if (problems.length) throw new Error(problems.join('\n'));
      const raw = toSpec(title, course, versions, seed, rows, registry, grading);
      const spec = parseExamSpec(raw, registry);
      setBusy('preview');
      const e = registry.list().every((t) => BUILT_IN.has(t.id))
        ? await assembleInWorker(raw)
        : assembleExam(spec, registry);
      if (id !== job.current) return null;
      setExam(e);
      setError('');
      return e;
    } catch (e) {
      if (id !== job.current) return null;
      setError((e as Error).message);
      setExam(null);
      return null;
    } finally {
      if (id === job.current) setBusy((b) => (b === 'preview' ? '' : b));
    }
  };

  /** Exports run in a worker (loaded on first use), so the page stays responsive and small. */
  const exportAs = async (format: DownloadFormat | 'yaml') => {
    const e = exam ?? (await build());
    if (!e) return;
    setBusy(format);
    try {
      await downloadExport(format, e, () =>
        toSpec(title, course, versions, seed, rows, registry, grading),
      );
      setError('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy('');
    }
  };

  const sources = sourceOptions(registry);

  return html`<section class="builder" aria-labelledby="builder-h">
    <h1 id="builder-h">Exam builder</h1>
    <p class="muted">Every version draws different numbers from the exam seed. Keep the seed secret: it regenerates the exam.</p>
    <form class="spec" onSubmit=${(ev: Event) => (ev.preventDefault(), setPreviewTick((n) => n + 1), void build())}>
      <div class="grid">
        <label>Title <input value=${title} onInput=${(ev: Event) => (setTitle((ev.target as HTMLInputElement).value), setExam(null))} /></label>
        <label>Course <input value=${course} onInput=${(ev: Event) => setCourse((ev.target as HTMLInputElement).value)} /></label>
        <label>Versions <input type="number" min="1" max="500" value=${versions} data-testid="versions"
          onInput=${(ev: Event) => (setVersions(Number((ev.target as HTMLInputElement).value)), setExam(null))} /></label>
        <label>Seed <input value=${seed} data-testid="seed" onInput=${(ev: Event) => (setSeed((ev.target as HTMLInputElement).value), setExam(null))} /></label>
        <label>Select-all scoring <select data-testid="grading" onChange=${(ev: Event) => (setGrading((ev.target as HTMLSelectElement).value as MultipleScoring), setExam(null))}>
          <option value="right-minus-wrong" selected=${grading === 'right-minus-wrong'}>right minus wrong (Moodle, Canvas)</option>
          <option value="all-or-nothing" selected=${grading === 'all-or-nothing'}>all or nothing (print only)</option></select></label>
      </div>
      <table class="slots"><caption>Questions per version</caption>
        <thead><tr><th scope="col">Source</th><th scope="col">Kind</th><th scope="col">Count</th><th scope="col">Points</th><th scope="col"><span class="sr-only">Remove</span></th></tr></thead>
        <tbody>${rows.map(
          (r, i) =>
            html`<${SlotRowView} key=${r.id} row=${r} index=${i} registry=${registry} sources=${sources} previewTick=${previewTick}
              update=${(patch: Partial<SlotRow>) => update(i, patch)} remove=${() => (setRows(rows.filter((_, j) => j !== i)), setExam(null))} />`,
        )}</tbody></table>
      <div class="actions">
        <button type="button" onClick=${() => setRows([...rows, newRow(sources[0]!.value, 1)])}>Add slot</button>
        <button type="submit" data-testid="preview-exam" disabled=${busy === 'preview'}>Preview versions</button>
      </div>
    </form>
    ${error ? html`<p class="error" role="alert" data-testid="builder-error">${error}</p>` : null}
    <${Downloads} busy=${busy} exportAs=${exportAs} />
    ${exam ? html`<${VersionsPreview} exam=${exam} />` : null}
  </section>`;
}

/** What a slot can draw from: any question of a topic, or one template. */
function sourceOptions(registry: TemplateRegistry): { value: string; label: string }[] {
  return [
    ...registry.topics().map((t) => ({ value: `topic:${t}`, label: `Any ${t} question` })),
    ...registry.list().map((t) => ({ value: `template:${t.id}`, label: `${t.topic}: ${t.title}` })),
  ];
}

/** One slot of the spec: its source, kind, count and points, and a single template's parameter form. */
function SlotRowView({
  row: r,
  index: i,
  registry,
  sources,
  previewTick,
  update,
  remove,
}: {
  row: SlotRow;
  index: number;
  registry: TemplateRegistry;
  sources: { value: string; label: string }[];
  previewTick: number;
  update: (patch: Partial<SlotRow>) => void;
  remove: () => void;
}) {
  const template = templateOf(registry, r);
  const kinds: QuestionKind[] = template
    ? [...template.kinds]
    : ['numeric', 'single', 'multiple', 'matching', 'table'];
  return html`<${Fragment}><tr class=${template ? 'has-params' : ''}>
    <td><select aria-label=${`Slot ${i + 1} source`} onChange=${(ev: Event) => update({ source: (ev.target as HTMLSelectElement).value, kind: '', params: {} })}>
      ${sources.map((s) => html`<option value=${s.value} selected=${s.value === r.source}>${s.label}</option>`)}</select></td>
    <td data-label="Kind"><select aria-label=${`Slot ${i + 1} kind`} onChange=${(ev: Event) => update({ kind: (ev.target as HTMLSelectElement).value as QuestionKind })}>
      <option value="" selected=${r.kind === ''}>default</option>${kinds.map((k) => html`<option value=${k} selected=${r.kind === k}>${k}</option>`)}</select></td>
    <td data-label="Count"><input type="number" min="1" max="50" aria-label=${`Slot ${i + 1} count`} value=${r.count} onInput=${(ev: Event) => update({ count: Number((ev.target as HTMLInputElement).value) })} /></td>
    <td data-label="Points"><input type="number" min="0.5" step="0.5" aria-label=${`Slot ${i + 1} points`} value=${r.points} onInput=${(ev: Event) => update({ points: Number((ev.target as HTMLInputElement).value) })} /></td>
    <td><button type="button" aria-label=${`Remove slot ${i + 1}`} onClick=${remove}>✕</button></td></tr>
    ${
      template
        ? html`<tr class="params-row"><td colspan="5"><${ParamsForm} template=${template} rowId=${r.id} index=${i} kind=${r.kind}
          inputs=${r.params} previewTick=${previewTick} onChange=${(params: ParamInputs) => update({ params })} /></td></tr>`
        : null
    }<//>`;
}

/** The export buttons, disabled while a preview or export runs. */
function Downloads({
  busy,
  exportAs,
}: {
  busy: string;
  exportAs: (format: DownloadFormat | 'yaml') => Promise<void>;
}) {
  return html`<div class="downloads" role="group" aria-label="Downloads">
      <button type="button" data-testid="dl-moodle" onClick=${() => exportAs('moodle')} disabled=${!!busy}>Moodle XML</button>
      <button type="button" data-testid="dl-qti" onClick=${() => exportAs('qti')} disabled=${!!busy}>Canvas QTI zip</button>
      <button type="button" data-testid="dl-html" onClick=${() => exportAs('html')} disabled=${!!busy}>Printable HTML (zip)</button>
      <button type="button" data-testid="dl-csv" onClick=${() => exportAs('csv')} disabled=${!!busy}>Answer key CSV</button>
      <button type="button" data-testid="dl-yaml" onClick=${() => exportAs('yaml')} disabled=${!!busy}>exam.yaml</button>
      ${busy ? html`<span class="muted" role="status" data-testid="busy">${busy === 'preview' ? 'Assembling the versions…' : `Preparing ${busy}…`}</span>` : null}
    </div>`;
}

/** Every version's questions, each with its stem's start and its answer. */
function VersionsPreview({ exam }: { exam: Exam }) {
  return html`<div class="versions" data-testid="versions-preview">${exam.versions.map(
    (
      ver,
    ) => html`<details open=${ver.index === 0}><summary>Version ${ver.code} · ${ver.questions.length} questions · ${exam.totalPoints} points</summary>
            <ol>${ver.questions.map(
              (
                q,
              ) => html`<li><span class="muted">[${q.points} pt · ${q.variant.templateId}]</span> <span class="preview-stem" dangerouslySetInnerHTML=${{ __html: richTextToHtml(excerpt(q.variant.stem, 220)) }}></span>
              <br /><strong>Answer:</strong> ${answerText(q.variant)}</li>`,
            )}</ol></details>`,
  )}</div>`;
}

/** Renders the exam in `format` in a worker (for 'yaml': the spec) and downloads the file. */
async function downloadExport(
  format: DownloadFormat | 'yaml',
  e: Exam,
  spec: () => unknown,
): Promise<void> {
  if (format === 'yaml') {
    const { stringify } = await import('yaml');
    download('exam.yaml', stringify(spec()), 'text/yaml');
  } else {
    const katex =
      format === 'html' ? await (await import('./katex-files.js')).browserKatexAssets() : undefined;
    const file = await renderInWorker({ format, exam: e, katex });
    download(file.name, file.content, file.type);
  }
}
