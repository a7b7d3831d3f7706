import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, reportFiles, type InputFile } from '@dlexam/analyze';
import { katexAssets, richTextToHtml } from '@dlexam/export-html';
import { DlexamError } from '@dlexam/generator';
import { parse } from './args.js';
import { ANALYZE_HELP } from './help.js';
import { ensureWritableDir, writeFilesAtomically, type Io } from './io.js';

export { ANALYZE_HELP };

function readInput(cwd: string, path: string, at: string): InputFile {
  const abs = resolve(cwd, path);
  try {
    return { name: path, data: readFileSync(abs) };
  } catch (e) {
    throw new DlexamError(
      `cannot read ${abs}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      at,
    );
  }
}

/** `dlexam analyze`: composes @dlexam/analyze with the HTML exporter's KaTeX; writes only on success. */
export function analyzeCommand(argv: string[], io: Io): number {
  const { values } = parse(
    'analyze',
    argv,
    {
      exam: { type: 'string' },
      results: { type: 'string' },
      grades: { type: 'string' },
      out: { type: 'string' },
      practice: { type: 'string' },
    },
    0,
  );
  if (values.help) return (io.stdout(ANALYZE_HELP), 0);
  if (!values.exam) throw new DlexamError('needs --exam <exam>.exam.json (see --help)', 'analyze');
  if (!values.results) throw new DlexamError('needs --results <file> (see --help)', 'analyze');
  const analysis = analyze(
    {
      exam: readInput(io.cwd, values.exam, '--exam'),
      results: readInput(io.cwd, values.results, '--results'),
      ...(values.grades ? { grades: readInput(io.cwd, values.grades, '--grades') } : {}),
    },
    values.practice ? { practiceBase: values.practice } : {},
  );
  const files = [...reportFiles(analysis, { richText: richTextToHtml }), ...katexAssets()];
  const outDir = ensureWritableDir(resolve(io.cwd, values.out ?? 'report'));
  const written = writeFilesAtomically(outDir, files);
  const t = analysis.test;
  const flagged = analysis.questions.filter((q) => q.flags.length).length;
  const unfair = analysis.fairness.filter((f) => f.flagged).length;
  const top = analysis.misconceptions.slice(0, 3).map((m) => `${m.tag} (${m.students})`);
  io.stdout(
    `${analysis.exam.title}: ${t.students} students × ${analysis.exam.questions} questions (${analysis.source.lms})` +
      `${analysis.source.skipped.length ? `, ${analysis.source.skipped.length} unfinished attempt(s) left out` : ''}\n` +
      `  mean ${t.meanTotal.toFixed(2)} of ${analysis.exam.maxTotal}, alpha ${t.alpha === null ? '-' : t.alpha.toFixed(3)}, SEM ${t.sem === null ? '-' : t.sem.toFixed(2)}; ${flagged} question(s) flagged, ${unfair} with unequal variants\n` +
      (top.length ? `  most held misconceptions: ${top.join(', ')}\n` : '') +
      analysis.source.warnings.map((w) => `  note: ${w}\n`).join('') +
      `  wrote ${written.filter((p) => !/[\\/]katex[\\/]/.test(p)).length} files and the KaTeX assets into ${outDir}\n`,
  );
  return 0;
}
