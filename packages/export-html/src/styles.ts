import { cssString } from './escape.js';

export type Paper = 'a4' | 'letter';

/** Running header and footer texts of one document (printed in the @page margin boxes). */
export interface RunningText {
  topLeft: string;
  topRight: string;
  bottomLeft: string;
}

const PAGE_SIZE: Record<Paper, { size: string; margin: string; contentWidth: string }> = {
  a4: { size: 'A4', margin: '18mm 17mm 18mm 17mm', contentWidth: '176mm' },
  letter: { size: 'letter', margin: '0.7in 0.7in 0.7in 0.7in', contentWidth: '7.1in' },
};

/**
 * The stylesheet of every document. Print rules follow CSS Paged Media: page size and margins by
 * paper, margin boxes for the running header/footer (Chromium ≥ 131 prints them; other browsers
 * ignore them), and `break-inside: avoid` on every question, table and figure so none is split.
 */
export function documentCss(paper: Paper, running: RunningText): string {
  const page = PAGE_SIZE[paper];
  return (
    pageCss(page, running) +
    BASE_CSS +
    COVER_CSS +
    QUESTION_CSS +
    answerSpacesCss(page.contentWidth) +
    KEY_CSS +
    SCREEN_CSS
  );
}

/** Page size, margins and the running header/footer in the margin boxes. */
function pageCss(page: (typeof PAGE_SIZE)[Paper], running: RunningText): string {
  return `
@page {
  size: ${page.size};
  margin: ${page.margin};
  @top-left { content: ${cssString(running.topLeft)}; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(running.topRight)}; font: bold 10pt "Liberation Sans", Arial, sans-serif; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(running.bottomLeft)}; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #444; vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt "Liberation Sans", Arial, sans-serif; vertical-align: top; padding-top: 3mm; }
}
`;
}

/** Colours, fonts, headings, text blocks and math. */
const BASE_CSS = `:root { color: #000; background: #fff; }
*, *::before, *::after { box-sizing: border-box; }
body { font-family: "Liberation Serif", "Times New Roman", "DejaVu Serif", serif; font-size: 11pt; line-height: 1.4; margin: 0; }
h1, h2, h3, .q-head, .running, th { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; }
h1 { font-size: 20pt; margin: 0 0 4mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 0; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
h1, h2, h3, .q-head, .key-columns { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm; }
ul { margin: 0 0 2mm; padding-left: 6mm; }
code, pre { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 9.5pt; }
pre { margin: 0 0 2mm; padding: 2mm 3mm; border: 0.3mm solid #999; white-space: pre-wrap; break-inside: avoid; }
.math-display { margin: 1mm 0 2.5mm; overflow-x: auto; overflow-y: hidden; break-inside: avoid; }
/* A scroll container cannot be split across pages: in print it made every question that holds display
   math start a new page (a solutions booklet of 3 × 10 questions printed 28 pages instead of 15). */
@media print { .math-display { overflow: visible; } }
.katex { font-size: 1.1em; }
.math-unbroken, .math-unbroken .katex-html { white-space: nowrap; }
.muted { color: #444; font-size: 9.5pt; }
`;

const COVER_CSS = `
/* Cover page of a student copy. */
.cover { break-after: page; page-break-after: always; }
.course { font: 12pt "Liberation Sans", Arial, sans-serif; margin: 0 0 2mm; }
.version-badge { display: inline-block; border: 0.6mm solid #000; padding: 2mm 6mm; font: bold 16pt "Liberation Sans", Arial, sans-serif; margin: 2mm 0 6mm; }
.id-fields { display: grid; grid-template-columns: 1fr; row-gap: 7mm; margin: 2mm 0 8mm; }
.id-field { display: flex; align-items: flex-end; gap: 3mm; font: 11pt "Liberation Sans", Arial, sans-serif; }
.id-field .line { flex: 1; border-bottom: 0.3mm solid #000; height: 7mm; }
.instructions { margin: 0 0 7mm; }
.instructions h2 { margin-bottom: 2mm; }
.points { break-inside: avoid; }
.points p { margin: 0 0 1mm; }
.points-table { border-collapse: collapse; margin: 0 0 3mm; font-family: "Liberation Sans", Arial, sans-serif; font-size: 10pt; }
.points-table th, .points-table td { border: 0.3mm solid #000; padding: 1mm 0; text-align: center; width: 12mm; height: 8mm; }
.points-table th[scope="row"] { text-align: left; width: 22mm; padding-left: 2mm; }
`;

const QUESTION_CSS = `
/* Questions. */
.question { break-inside: avoid; page-break-inside: avoid; margin: 0 0 7mm; }
.q-head { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 0.4mm solid #000; margin: 0 0 2.5mm; padding-bottom: 0.5mm; }
.q-points { font-size: 10pt; white-space: nowrap; }
.q-meta { font-size: 8.5pt; color: #444; font-weight: normal; }
.q-figure { margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.q-figure img { display: block; max-width: 100%; height: auto; }
.q-hint { font-style: italic; font-size: 10pt; margin: 1mm 0 1.5mm; }
`;

/** The answer spaces; a grid table is at most as wide as the page's content. */
function answerSpacesCss(contentWidth: string): string {
  return `
/* Answer spaces. */
.options { list-style: none; padding: 0; margin: 1mm 0 0; }
.options li { display: flex; align-items: baseline; gap: 2.5mm; margin: 0 0 2mm; break-inside: avoid; }
.mark { flex: none; display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.35mm solid #000; position: relative; top: 0.5mm; }
.mark.bubble { border-radius: 50%; }
.opt-letter { flex: none; font-family: "Liberation Sans", Arial, sans-serif; font-weight: bold; min-width: 5mm; }
.work { border: 0.3mm solid #888; margin: 2mm 0 2mm; padding: 1mm 2mm; font-size: 8.5pt; color: #555; }
.work.d1 { height: 22mm; } .work.d2 { height: 35mm; } .work.d3 { height: 50mm; }
.answer-line { display: flex; align-items: flex-end; gap: 3mm; font-family: "Liberation Sans", Arial, sans-serif; margin: 3mm 0 0; }
.answer-box { display: inline-block; border: 0.35mm solid #000; width: 60mm; height: 9mm; }
.answer-box.wide { width: 110mm; }
.matching { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; break-inside: avoid; }
.matching ol { margin: 0; padding: 0; list-style: none; }
.matching li { display: flex; align-items: baseline; gap: 2mm; margin: 0 0 3mm; }
.blank { flex: none; display: inline-block; width: 12mm; border-bottom: 0.35mm solid #000; height: 5mm; }
table.grid { border-collapse: collapse; width: 100%; max-width: ${contentWidth}; margin: 1mm 0 2mm; break-inside: avoid; page-break-inside: avoid; }
table.grid th, table.grid td { border: 0.3mm solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: middle; }
table.grid th { background: #eee; font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.grid td.cell-blank { height: 11mm; min-width: 18mm; }
table.grid td .unit { float: right; color: #444; font-size: 9pt; }
.cell-options { display: flex; gap: 4mm; flex-wrap: wrap; }
.cell-options span { display: inline-flex; align-items: baseline; gap: 1.2mm; }
`;
}

const KEY_CSS = `
/* Answer key and solutions. */
.new-page { break-before: page; page-break-before: always; }
.version-title { font-size: 16pt; margin: 0 0 4mm; }
.doc-head { margin: 0 0 5mm; }
.doc-head p { margin: 0 0 1mm; }
.key-version { margin: 0 0 6mm; }
.key-version > h2 { margin: 0 0 2mm; }
.key-columns, .key-entry { display: grid; grid-template-columns: 12mm 1fr 18mm; column-gap: 3mm; }
.key-columns { font: bold 9pt "Liberation Sans", Arial, sans-serif; border-bottom: 0.4mm solid #000; padding: 0 0 0.5mm; }
.key-entry { border-bottom: 0.2mm solid #999; padding: 1.5mm 0; break-inside: avoid; page-break-inside: avoid; }
.key-entry .q-label { font: bold 10pt "Liberation Sans", Arial, sans-serif; }
.key-entry .key-points { text-align: right; font-size: 10pt; }
.key-list { list-style: none; padding: 0; margin: 0; }
.balance table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 3mm; }
.balance th, .balance td { border: 0.2mm solid #999; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
.balance tr { break-inside: avoid; page-break-inside: avoid; }
table.key-grid { margin: 0 0 1mm; width: auto; max-width: 100%; }
table.key-grid td.filled { font-weight: bold; white-space: nowrap; }
.answer-block { border-left: 1.2mm solid #000; padding: 0.5mm 0 0.5mm 3mm; margin: 2mm 0 3mm; }
.answer-block .label { font: bold 11pt "Liberation Sans", Arial, sans-serif; margin-right: 2mm; }
.feedback { list-style: none; padding: 0; margin: 0; }
.feedback li { margin: 0 0 1.5mm; display: flex; gap: 2mm; align-items: baseline; }
.feedback .verdict { flex: none; font-weight: bold; min-width: 4mm; }
.tag { font: 8pt "Liberation Mono", monospace; color: #444; }
`;

/** On screen a centred column with a visible running line; in print the margin boxes replace it. */
const SCREEN_CSS = `
@media screen {
  body { max-width: 190mm; margin: 8mm auto; padding: 0 8mm; background: #fff; }
  .cover { border-bottom: 0.5mm dashed #888; padding-bottom: 8mm; margin-bottom: 8mm; }
  .running { display: block; font-size: 9pt; color: #444; border-bottom: 0.3mm solid #ccc; margin: 0 0 5mm; }
}
@media print {
  .running { display: none; }
}
`;
