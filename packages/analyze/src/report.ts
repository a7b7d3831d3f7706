import type { Analysis } from './analyze.js';
import { fmtP } from './analyze.js';
import { formatNumber, toCsv } from './csv.js';
import type { ErrorDetail } from './responses.js';

/** A file of the report, relative to the output directory. */
export interface ReportFile {
  path: string;
  content: string;
}

export interface ReportOptions {
  /** Renders rich text (feedback with TeX) as HTML; the CLI passes export-html's KaTeX renderer. */
  richText?: (text: string) => string;
  /** Stylesheet of KaTeX (default `katex/katex.min.css`, where the CLI writes it); null: none. */
  katexHref?: string | null;
  paper?: 'a4' | 'letter';
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const num = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(d);
const pct = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)} %`;
const dash = (x: number | null | undefined, d = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d);

export function describeDetail(d: ErrorDetail): string {
  switch (d.type) {
    case 'option':
      return `picked option ${d.index + 1}${d.misconception ? ` (${d.misconception})` : ''}`;
    case 'missed':
      return `missed option ${d.index + 1}`;
    case 'value':
      return `value ${d.value}${d.misconception ? ` (${d.misconception})` : ' (no modelled mistake)'}`;
    case 'pair':
      return `pair ${d.prompt + 1} → ${d.given ?? '(none)'}${d.swappedWith !== undefined ? ` (swapped with ${d.swappedWith + 1})` : ''}`;
    case 'cell':
      return `cell ${d.row + 1},${d.col + 1}: ${d.given ?? '(blank)'} instead of ${d.expected}`;
    case 'unrecognized':
      return `unrecognized: ${d.text}`;
  }
}

/** Every figure of the analysis as CSV files (one per table) and the whole analysis as JSON. */
export function dataFiles(a: Analysis): ReportFile[] {
  return [...summaryFiles(a), ...variantFiles(a), ...classFiles(a), ...responseFiles(a)];
}

/** The whole analysis as JSON, and the table of questions. */
function summaryFiles(a: Analysis): ReportFile[] {
  const q = a.questions;
  return [
    { path: 'analysis.json', content: JSON.stringify(a, null, 2) + '\n' },
    {
      path: 'questions.csv',
      content: toCsv([
        [
          'question',
          'slot',
          'points',
          'n',
          'facility',
          'sd',
          'discrimination',
          'point_biserial',
          'efficiency',
          'upper_lower',
          'correct',
          'partly',
          'wrong',
          'blank',
          'lms_facility',
          'lms_discrimination',
          'lms_efficiency',
          'flags',
        ],
        ...q.map((x) => [
          x.question,
          x.slotName,
          x.points,
          x.n,
          x.facility,
          x.sd,
          x.discrimination,
          x.pointBiserial,
          x.efficiency,
          x.upperLower,
          x.counts.correct,
          x.counts.partly,
          x.counts.wrong,
          x.counts.blank,
          x.lms?.facility,
          x.lms?.discrimination,
          x.lms?.efficiency,
          x.flags.join('; '),
        ]),
      ]),
    },
  ];
}

/** The tables of variants, of their options, and of templates. */
function variantFiles(a: Analysis): ReportFile[] {
  return [
    {
      path: 'variants.csv',
      content: toCsv([
        [
          'variant',
          'template',
          'kind',
          'questions',
          'versions',
          'n',
          'facility',
          'discrimination_full_total',
          'correct',
          'partly',
          'wrong',
          'blank',
          'lms_facility',
          'lms_discrimination',
          'flags',
        ],
        ...a.variants.map((v) => [
          v.id,
          v.templateId,
          v.kind,
          v.questions.join(' '),
          v.versions.join(' '),
          v.n,
          v.facility,
          v.discrimination,
          v.counts.correct,
          v.counts.partly,
          v.counts.wrong,
          v.counts.blank,
          v.lms?.facility,
          v.lms?.discrimination,
          v.flags.join('; '),
        ]),
      ]),
    },
    {
      path: 'options.csv',
      content: toCsv([
        ['variant', 'option', 'correct', 'misconception', 'count'],
        ...a.variants.flatMap((v) =>
          v.options.map((o) => [
            v.id,
            o.label,
            o.correct ? 'yes' : 'no',
            o.misconception ?? '',
            o.count,
          ]),
        ),
      ]),
    },
    {
      path: 'templates.csv',
      content: toCsv([
        [
          'template',
          'title',
          'variants',
          'responses',
          'facility',
          'discrimination',
          'misconceptions',
          'flags',
        ],
        ...a.templates.map((t) => [
          t.templateId,
          t.title,
          t.variants,
          t.n,
          t.facility,
          t.discrimination,
          t.misconceptions.map((m) => `${m.tag} (${m.count})`).join('; '),
          t.flags.join('; '),
        ]),
      ]),
    },
  ];
}

/** The tables of misconceptions, of fairness across variants, and of students. */
function classFiles(a: Analysis): ReportFile[] {
  return [
    {
      path: 'misconceptions.csv',
      content: toCsv([
        [
          'misconception',
          'students',
          'occurrences',
          'share_of_exposed',
          'templates',
          'questions',
          'feedback',
          'practice',
        ],
        ...a.misconceptions.map((m) => [
          m.tag,
          m.students,
          m.occurrences,
          m.share,
          m.templates.join(' '),
          m.questions.join(' '),
          m.feedback,
          m.practice,
        ]),
      ]),
    },
    {
      path: 'fairness.csv',
      content: toCsv([
        [
          'question',
          'variant',
          'n',
          'correct',
          'p',
          'ci_low',
          'ci_high',
          'mean_score',
          'test',
          'statistic',
          'df',
          'p_value',
          'scores_test',
          'scores_p',
          'flagged',
        ],
        ...a.fairness.flatMap((f) =>
          f.variants.map((v) => [
            f.question,
            v.id,
            v.n,
            v.correct,
            v.p,
            v.ci[0],
            v.ci[1],
            v.mean,
            f.test.test,
            f.test.statistic,
            f.test.df,
            f.test.p,
            f.scores.test,
            f.scores.p,
            f.flagged ? 'yes' : 'no',
          ]),
        ),
      ]),
    },
    {
      path: 'students.csv',
      content: toCsv([
        ['student', 'name', 'line', 'total', 'lms_total', 'version'],
        ...a.students.map((s) => [s.key, s.name, s.line, s.total, s.lmsTotal, s.version ?? '']),
      ]),
    },
  ];
}

/** The table of every response. */
function responseFiles(a: Analysis): ReportFile[] {
  return [
    {
      path: 'responses.csv',
      content: toCsv([
        [
          'student',
          'question',
          'variant',
          'response',
          'outcome',
          'score',
          'lms_mark',
          'misconceptions',
          'details',
        ],
        ...a.responses.map((r) => [
          r.student,
          r.question,
          r.item,
          r.text ?? '',
          r.outcome,
          r.score,
          r.lmsMark,
          r.misconceptions.join('; '),
          r.details.map(describeDetail).join('; '),
        ]),
      ]),
    },
  ];
}

// ---------- charts: inline SVG, each followed by the same numbers as a table ----------

function scatter(a: Analysis): string {
  const W = 460;
  const H = 300;
  const L = 48;
  const B = 40;
  const x = (f: number) => L + f * (W - L - 12);
  const y = (d: number) => H - B - ((d + 0.5) / 1.5) * (H - B - 10); // discrimination −0.5 … 1
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) =>
        `<line x1="${x(f)}" y1="${y(-0.5)}" x2="${x(f)}" y2="${y(1)}" class="grid"/><text x="${x(f)}" y="${H - B + 14}" text-anchor="middle">${f}</text>`,
    )
    .join('');
  const ygrid = [-0.5, 0, 0.2, 0.5, 1]
    .map(
      (d) =>
        `<line x1="${x(0)}" y1="${y(d)}" x2="${x(1)}" y2="${y(d)}" class="${d === 0.2 ? 'threshold' : 'grid'}"/><text x="${L - 4}" y="${y(d) + 3}" text-anchor="end">${d}</text>`,
    )
    .join('');
  const pts = a.questions
    .map((q) => {
      const d = Math.max(-0.5, Math.min(1, q.discrimination ?? 0));
      return `<g><circle cx="${num(x(q.facility), 1)}" cy="${num(y(d), 1)}" r="9" class="${q.flags.length ? 'dot flagged' : 'dot'}"/><text x="${num(x(q.facility), 1)}" y="${num(y(d) + 3.5, 1)}" text-anchor="middle" class="dot-label">${q.question}</text></g>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="scatter-title"><title id="scatter-title">Difficulty (facility) against discrimination, one dot per question</title>${grid}${ygrid}${pts}<text x="${(L + W) / 2}" y="${H - 6}" text-anchor="middle">facility (proportion of marks)</text><text transform="translate(12 ${(H - B) / 2}) rotate(-90)" text-anchor="middle">discrimination (item–rest r)</text></svg>`;
}

function bars(
  rows: { label: string; value: number; max: number; text: string }[],
  title: string,
): string {
  const W = 640;
  const rowH = 20;
  const labelW = 230;
  const H = rows.length * rowH + 8;
  const body = rows
    .map((r, i) => {
      const w = r.max > 0 ? ((W - labelW - 60) * r.value) / r.max : 0;
      const yy = 4 + i * rowH;
      return `<text x="${labelW - 6}" y="${yy + 14}" text-anchor="end">${esc(r.label.length > 34 ? r.label.slice(0, 33) + '…' : r.label)}</text><rect x="${labelW}" y="${yy + 3}" width="${num(w, 1)}" height="${rowH - 6}" class="bar"/><text x="${num(labelW + w + 4, 1)}" y="${yy + 14}">${esc(r.text)}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"><title>${esc(title)}</title>${body}</svg>`;
}

function versionChart(f: Analysis['fairness'][number]): string {
  const W = 640;
  const rowH = 20;
  const labelW = 230;
  const H = f.variants.length * rowH + 22;
  const x = (p: number) => labelW + p * (W - labelW - 60);
  const body = f.variants
    .map((v, i) => {
      const yy = 4 + i * rowH;
      return `<text x="${labelW - 6}" y="${yy + 14}" text-anchor="end">${esc(v.id)}</text><rect x="${labelW}" y="${yy + 3}" width="${num(x(v.p) - labelW, 1)}" height="${rowH - 6}" class="bar${f.flagged && v.mean === Math.min(...f.variants.map((w) => w.mean)) ? ' flagged' : ''}"/><line x1="${num(x(v.ci[0]), 1)}" y1="${yy + 10}" x2="${num(x(v.ci[1]), 1)}" y2="${yy + 10}" class="ci"/><text x="${num(x(1) + 4, 1)}" y="${yy + 14}">${v.correct}/${v.n}</text>`;
    })
    .join('');
  const axis = [0, 0.5, 1]
    .map((p) => `<text x="${x(p)}" y="${H - 4}" text-anchor="middle">${p}</text>`)
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img"><title>Question ${f.question}: proportion correct by variant, with 95 % Wilson intervals</title>${body}${axis}</svg>`;
}

const CSS = (paper: 'a4' | 'letter') => `
@page { size: ${paper === 'a4' ? 'A4' : 'letter'}; margin: 18mm 17mm; }
:root { color: #000; background: #fff; }
body { font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4; margin: 0 auto; max-width: 190mm; padding: 8mm; }
h1, h2, h3, th, .chart text { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; }
h1 { font-size: 20pt; margin: 0 0 4mm; line-height: 1.2; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.muted { color: #444; font-size: 9.5pt; }
table { border-collapse: collapse; margin: 0 0 4mm; font-size: 9.5pt; break-inside: avoid; }
th, td { border: 0.3mm solid #999; padding: 1mm 2mm; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.flag { font-weight: bold; }
.chart { display: block; max-width: 100%; height: auto; margin: 2mm 0 3mm; break-inside: avoid; }
.chart text { font-size: 10px; fill: #000; }
.chart .grid { stroke: #ccc; stroke-width: 0.6; }
.chart .threshold { stroke: #888; stroke-width: 0.8; stroke-dasharray: 3 2; }
.chart .dot { fill: #fff; stroke: #000; stroke-width: 1.2; }
.chart .dot.flagged { fill: #ddd; stroke-width: 2; }
.chart .dot-label { font-size: 9px; }
.chart .bar { fill: #777; }
.chart .bar.flagged { fill: #000; }
.chart .ci { stroke: #000; stroke-width: 1.4; }
details { margin: 0 0 3mm; }
summary { cursor: pointer; font-family: "Liberation Sans", Arial, sans-serif; }
.katex { font-size: 1.05em; }
@media print { details > summary { list-style: none; } details:not([open]) > *:not(summary) { display: block; } body { padding: 0; max-width: none; } }
`;

/** The printable HTML report: summary, flags, charts (inline SVG, each with a table) and details. */
export function reportHtml(a: Analysis, options: ReportOptions = {}): string {
  const rich = options.richText ?? ((t: string) => `<p>${esc(t)}</p>`);
  const out: string[] = [
    ...headSection(a, options),
    ...summarySection(a),
    ...flagsSection(a),
    ...difficultySection(a),
    ...misconceptionSection(a, rich),
    ...fairnessSection(a),
    ...templateSection(a),
    ...optionSection(a),
  ];
  out.push(
    '<h2>Method</h2><p class="muted">Facility = mean mark / maximum. Discrimination = correlation of the question’s marks with the rest of the total (corrected item–total; Moodle’s discrimination index / 100); point-biserial uses the full total. Upper–lower: the top and bottom 27 % by total, students tied at the boundary included. α with sample variances (Moodle’s CIC); KR-20 with population variances; SEM = SD·√(1−α). Flags: facility above 0.9 or below 0.3, discrimination below 0.2 or negative, an option nobody of at least 10 students chose.</p>',
  );
  out.push('</body></html>\n');
  // Every table opens with its header row: give it <thead>, the rest <tbody>.
  return out
    .join('\n')
    .replace(/<table><tr>([\s\S]*?)<\/tr>/g, '<table><thead><tr>$1</tr></thead><tbody>')
    .replace(/<\/table>/g, '</tbody></table>');
}

/** The document head, the title and where the data came from. */
function headSection(a: Analysis, options: ReportOptions): string[] {
  const katex = options.katexHref === undefined ? 'katex/katex.min.css' : options.katexHref;
  const t = a.test;
  const out: string[] = [];
  out.push(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(a.exam.title)} — results analysis</title>`,
  );
  if (katex) out.push(`<link rel="stylesheet" href="${esc(katex)}">`);
  out.push(`<style>${CSS(options.paper ?? 'a4')}</style></head><body>`);
  out.push(`<h1>${esc(a.exam.title)}: after the exam</h1>`);
  out.push(
    `<p class="muted">${a.source.lms === 'moodle' ? 'Moodle Responses' : 'Canvas Student Analysis'} export <code>${esc(a.source.results)}</code>${a.source.grades ? ` with <code>${esc(a.source.grades)}</code>` : ''}; exam seed <code>${esc(a.exam.seed)}</code>, ${a.exam.versions} version(s), ${a.exam.questions} questions. Marks by dlexam’s grading model${t.lms ? '; the LMS’s own marks are shown beside them' : ''}.</p>`,
  );
  for (const w of a.source.warnings) out.push(`<p class="muted">Note: ${esc(w)}</p>`);
  if (a.source.skipped.length)
    out.push(
      `<p class="muted">Left out: ${a.source.skipped.map((s) => `${esc(s.name)} (line ${s.line}, ${esc(s.reason)})`).join('; ')}.</p>`,
    );
  return out;
}

/** Test-level figures: size, totals, reliability, and totals by version. */
function summarySection(a: Analysis): string[] {
  const t = a.test;
  const out: string[] = [];
  out.push(
    '<h2>Summary</h2><table><tr><th>figure</th><th>dlexam marks</th>' +
      (t.lms ? '<th>LMS marks</th>' : '') +
      '</tr>',
  );
  const row = (name: string, ours: string, lms?: string) =>
    `<tr><td>${name}</td><td class="n">${ours}</td>${t.lms ? `<td class="n">${lms ?? ''}</td>` : ''}</tr>`;
  out.push(row('students', String(t.students), String(t.students)));
  out.push(
    row(
      `mean total (of ${formatNumber(a.exam.maxTotal)})`,
      dash(t.meanTotal),
      dash(t.lms?.meanTotal),
    ),
  );
  out.push(row('standard deviation', dash(t.sdTotal), dash(t.lms?.sdTotal)));
  out.push(row('Cronbach’s α', dash(t.alpha, 3), dash(t.lms?.alpha, 3)));
  out.push(row('KR-20', dash(t.kr20, 3)));
  out.push(row('standard error of measurement', dash(t.sem), dash(t.lms?.sem)));
  out.push('</table>');
  if (t.versions)
    out.push(
      `<p>Totals by version (Kruskal–Wallis): ${t.versions.groups.map((g) => `${esc(g.version)} mean ${g.mean.toFixed(2)} (n = ${g.n})`).join(', ')}; p = ${t.versions.test.p === null ? '–' : fmtP(t.versions.test.p)}.</p>`,
    );
  return out;
}

/** Flagged questions, unfair questions and flagged variants. */
function flagsSection(a: Analysis): string[] {
  const flagged = a.questions.filter((q) => q.flags.length);
  const variantFlags = a.variants.filter((v) => v.flags.length);
  const unfair = a.fairness.filter((f) => f.flagged);
  const out: string[] = [];
  out.push('<h2>Flags</h2>');
  if (!flagged.length && !variantFlags.length && !unfair.length)
    out.push('<p>Nothing flagged.</p>');
  else {
    out.push('<ul>');
    for (const q of flagged)
      out.push(
        `<li>Question ${q.question} (${esc(q.slotName)}): <span class="flag">${esc(q.flags.join(', '))}</span> — facility ${pct(q.facility)}, discrimination ${dash(q.discrimination)}</li>`,
      );
    for (const f of unfair)
      out.push(`<li>Question ${f.question}: <span class="flag">${esc(f.verdict)}</span></li>`);
    for (const v of variantFlags) out.push(`<li>${esc(v.id)}: ${esc(v.flags.join('; '))}</li>`);
    out.push('</ul>');
  }
  return out;
}

/** The difficulty–discrimination chart and its table of questions. */
function difficultySection(a: Analysis): string[] {
  const t = a.test;
  const out: string[] = [];
  out.push('<h2>Difficulty and discrimination</h2>');
  out.push(scatter(a));
  out.push(
    '<table><tr><th>question</th><th>slot</th><th>n</th><th>facility</th><th>discrimination (item–rest)</th><th>point-biserial</th><th>upper–lower 27 %</th><th>correct / partly / wrong / blank</th>' +
      (t.lms ? '<th>LMS facility</th><th>LMS discrimination</th>' : '') +
      '<th>flags</th></tr>',
  );
  for (const q of a.questions)
    out.push(
      `<tr><td class="n">${q.question}</td><td>${esc(q.slotName)}</td><td class="n">${q.n}</td><td class="n">${pct(q.facility)}</td><td class="n">${dash(q.discrimination)}</td><td class="n">${dash(q.pointBiserial)}</td><td class="n">${dash(q.upperLower)}</td><td class="n">${q.counts.correct} / ${q.counts.partly} / ${q.counts.wrong} / ${q.counts.blank}</td>` +
        (t.lms
          ? `<td class="n">${pct(q.lms?.facility)}</td><td class="n">${dash(q.lms?.discrimination)}</td>`
          : '') +
        `<td>${esc(q.flags.join(', '))}</td></tr>`,
    );
  out.push('</table>');
  return out;
}

/** The misconceptions the class showed, as a chart and a table. */
function misconceptionSection(a: Analysis, rich: (text: string) => string): string[] {
  const t = a.test;
  const out: string[] = [];
  out.push('<h2>The class’s misconceptions</h2>');
  const top = a.misconceptions.slice(0, 15);
  if (!top.length) out.push('<p>No wrong answer matched a modelled misconception.</p>');
  else {
    out.push(
      bars(
        top.map((m) => ({
          label: m.tag,
          value: m.students,
          max: t.students,
          text: `${m.students} student(s)`,
        })),
        'Students holding each misconception',
      ),
    );
    out.push(
      '<table><tr><th>misconception</th><th>students</th><th>of those exposed</th><th>where</th><th>feedback</th><th>practice</th></tr>',
    );
    for (const m of a.misconceptions)
      out.push(
        `<tr><td><code>${esc(m.tag)}</code></td><td class="n">${m.students}</td><td class="n">${pct(m.share)}</td><td>${m.templates.map(esc).join(', ')} (Q${m.questions.join(', Q')})</td><td>${rich(m.feedback)}</td><td><a href="${esc(m.practice)}">practise</a></td></tr>`,
      );
    out.push('</table>');
  }
  return out;
}

/** Per question, whether one variant was harder than the others. */
function fairnessSection(a: Analysis): string[] {
  const out: string[] = [];
  out.push('<h2>Versions: was one variant harder?</h2>');
  out.push(
    '<p class="muted">Per question, variant × right/wrong: Fisher’s exact test (Freeman–Halton) when an expected count is below 5, else Pearson’s χ²; with partial marks also Kruskal–Wallis on the scores. Intervals are 95 % Wilson intervals. At small n a non-significant result does not show the variants are equally hard.</p>',
  );
  for (const f of a.fairness) {
    out.push(
      `<h3>Question ${f.question}: ${esc(f.slotName)}</h3><p>${esc(f.verdict)}${f.test.test !== 'none' ? ` (${f.test.test}${f.test.statistic !== null ? `, statistic ${f.test.statistic.toFixed(2)}, df ${f.test.df}` : ''})` : ''}${f.scores.p !== null ? `; scores: Kruskal–Wallis p = ${fmtP(f.scores.p)}` : ''}.</p>`,
    );
    if (f.variants.length > 1) out.push(versionChart(f));
    out.push(
      '<table><tr><th>variant</th><th>n</th><th>correct</th><th>p</th><th>95 % interval</th><th>mean score</th></tr>',
    );
    for (const v of f.variants)
      out.push(
        `<tr><td>${esc(v.id)}</td><td class="n">${v.n}</td><td class="n">${v.correct}</td><td class="n">${v.p.toFixed(2)}</td><td class="n">${v.ci[0].toFixed(2)}–${v.ci[1].toFixed(2)}</td><td class="n">${v.mean.toFixed(2)}</td></tr>`,
      );
    out.push('</table>');
  }
  return out;
}

/** The table of templates. */
function templateSection(a: Analysis): string[] {
  const out: string[] = [];
  out.push(
    '<h2>Templates</h2><table><tr><th>template</th><th>variants</th><th>responses</th><th>facility</th><th>discrimination</th><th>misconceptions (responses)</th><th>flags</th></tr>',
  );
  for (const tt of a.templates)
    out.push(
      `<tr><td>${esc(tt.templateId)}<br><span class="muted">${esc(tt.title)}</span></td><td class="n">${tt.variants}</td><td class="n">${tt.n}</td><td class="n">${pct(tt.facility)}</td><td class="n">${dash(tt.discrimination)}</td><td>${tt.misconceptions.map((m) => `<code>${esc(m.tag)}</code> (${m.count})`).join(', ')}</td><td>${esc(tt.flags.join(', '))}</td></tr>`,
    );
  out.push('</table>');
  return out;
}

/** The options chosen, one collapsible table per variant. */
function optionSection(a: Analysis): string[] {
  const out: string[] = [];
  out.push('<h2>Options chosen, per variant</h2>');
  for (const v of a.variants) {
    out.push(
      `<details><summary>${esc(v.id)} — n = ${v.n}, facility ${pct(v.facility)}</summary><table><tr><th>option</th><th>key</th><th>misconception</th><th>count</th></tr>`,
    );
    for (const o of v.options)
      out.push(
        `<tr><td>${esc(o.label)}</td><td>${o.correct ? '✓' : ''}</td><td>${o.misconception ? `<code>${esc(o.misconception)}</code>` : ''}</td><td class="n">${o.count}</td></tr>`,
      );
    out.push('</table></details>');
  }
  return out;
}

/** Everything `dlexam analyze` writes: `report.html` and the data files. */
export function reportFiles(a: Analysis, options: ReportOptions = {}): ReportFile[] {
  return [{ path: 'report.html', content: reportHtml(a, options) }, ...dataFiles(a)];
}
