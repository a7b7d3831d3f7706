import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import {
  analyze,
  reportFiles,
  type Analysis,
  type InputFile,
  type ReportFile,
} from '@dlexam/analyze';
import { richTextToHtml } from '@dlexam/export-html';
import katexCssUrl from 'katex/dist/katex.min.css?url';

/**
 * After the exam, in the browser: the instructor drops the exam JSON and the LMS results (Moodle
 * Responses [+ Grades] or Canvas Student Analysis); `@dlexam/analyze` runs here, nothing is sent
 * anywhere. The report is shown in a frame and every file can be downloaded.
 */

type Role = 'exam' | 'results' | 'grades';

async function read(file: File): Promise<InputFile> {
  return { name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}

/** Which input a dropped file is: `.json` is the exam, a Grades download has `Q. 1 /m` columns. */
async function roleOf(file: File): Promise<Role> {
  if (/\.json$/i.test(file.name)) return 'exam';
  const head = new TextDecoder().decode(new Uint8Array(await file.slice(0, 4096).arrayBuffer()));
  return /(^|,)"?Q\. \d+ \/[\d.]+/m.test(head) ? 'grades' : 'results';
}

function save(name: string, content: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([content], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function AnalyzePage() {
  const [files, setFiles] = useState<Partial<Record<Role, File>>>({});
  const [error, setError] = useState('');
  const [result, setResult] = useState<{ analysis: Analysis; files: ReportFile[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (list: FileList | null, role?: Role) => {
    if (!list) return;
    const next = { ...files };
    for (const f of Array.from(list)) next[role ?? (await roleOf(f))] = f;
    setFiles(next);
    setResult(null);
    setError('');
  };

  const run = async () => {
    setError('');
    setResult(null);
    if (!files.exam || !files.results) {
      setError('Choose the exam JSON and the results file first.');
      return;
    }
    setBusy(true);
    try {
      const analysis = analyze({
        exam: await read(files.exam),
        results: await read(files.results),
        ...(files.grades ? { grades: await read(files.grades) } : {}),
      });
      // Rendered once: report.html (feedback TeX by KaTeX, its stylesheet from this site) and the data.
      const out = reportFiles(analysis, {
        richText: richTextToHtml,
        katexHref: new URL(katexCssUrl, location.href).href,
      });
      setResult({ analysis, files: out });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const picker = (role: Role, label: string, accept: string, hint: string) =>
    html`<label class="analyze-file"><span>${label}</span>
      <input type="file" accept=${accept} data-role=${role} onChange=${(e: Event) => add((e.target as HTMLInputElement).files, role)} />
      ${files[role] ? null : html`<span class="muted">${hint}</span>`}</label>`;

  return html`<section class="analyze">
    <h1>After the exam</h1>
    <p>Drop the exam JSON that <code>dlexam generate</code> wrote and what your LMS exported after the exam: the
      Moodle quiz <b>Responses</b> download (CSV; add the <b>Grades</b> download for Moodle's own marks) or the Canvas <b>Student Analysis</b> CSV. Everything is computed in this browser; no file leaves it.</p>
    <div class="dropzone" onDragOver=${(e: DragEvent) => e.preventDefault()}
      onDrop=${(e: DragEvent) => {
        e.preventDefault();
        void add(e.dataTransfer?.files ?? null);
      }}>
      ${picker('exam', 'Exam JSON', '.json,application/json', '<exam>.exam.json')}
      ${picker('results', 'Results', '.csv,text/csv', 'responses.csv or Student Analysis CSV')}
      ${picker('grades', 'Moodle Grades (optional)', '.csv,text/csv', 'grades.csv')}
      <p class="muted">…or drop the files here.</p>
    </div>
    <button type="button" onClick=${run} disabled=${busy}>${busy ? 'Analyzing…' : 'Analyze'}</button>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${
      result
        ? html`<p role="status">${result.analysis.test.students} students × ${result.analysis.exam.questions} questions;
            α ${result.analysis.test.alpha?.toFixed(3) ?? '–'}; ${result.analysis.misconceptions.length} misconceptions found.</p>
          <div class="downloads" role="group" aria-label="Report files">
            ${result.files.map(
              (f) =>
                html`<button type="button" onClick=${() =>
                  save(
                    f.path,
                    f.content,
                    f.path.endsWith('.html')
                      ? 'text/html'
                      : f.path.endsWith('.json')
                        ? 'application/json'
                        : 'text/csv',
                  )}>${f.path}</button>`,
            )}
          </div>
          <iframe class="report-frame" title="Analysis report" srcdoc=${result.files[0]!.content}></iframe>`
        : null
    }
  </section>`;
}
