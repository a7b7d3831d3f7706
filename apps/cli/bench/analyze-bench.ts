import { analyze, reportFiles } from '@dlexam/analyze';
import {
  canvasStudentAnalysisCsv,
  moodleResponsesCsv,
  simulateClass,
} from '@dlexam/analyze/testing';
import { assembleExam, parseExamSpec, type TemplateRegistry } from '@dlexam/generator';

/**
 * `dlexam analyze` throughput: a 40-question exam (8 per topic, 10 variants per slot) answered by
 * 1,000 simulated students, as a Moodle Responses download and a Canvas Student Analysis CSV.
 * Target: ≤ 2 s for the whole analysis (read, join, grade, statistics).
 */
export function analyzeBench(registry: TemplateRegistry): string[] {
  const students = Number(process.env.BENCH_ANALYZE_STUDENTS ?? 1_000);
  const spec = parseExamSpec(
    {
      title: 'Analyze bench',
      versions: 10,
      slots: registry.topics().map((topic) => ({ topic, count: 8 })),
    },
    registry,
  );
  const exam = assembleExam(spec, registry, { seed: 'analyze-bench' });
  const questions = exam.versions[0]!.questions.length;
  const sim = simulateClass(exam, { students, seed: 'bench', misconceptions: [] });
  const files = {
    moodle: moodleResponsesCsv(sim),
    canvas: canvasStudentAnalysisCsv(sim),
  };
  const lines: string[] = [];
  for (const [lms, csv] of Object.entries(files)) {
    const data = new TextEncoder().encode(csv);
    const input = {
      exam: { name: 'exam.json', json: exam },
      results: { name: `${lms}.csv`, data },
    };
    // First run = one `dlexam analyze` call (code compiled as it runs); second = a warm process.
    const time = () => {
      const t = process.hrtime.bigint();
      const a = analyze(input);
      return { a, s: Number(process.hrtime.bigint() - t) / 1e9 };
    };
    const cold = time();
    const { a, s } = time();
    lines.push(
      `analyze ${lms}: ${a.test.students.toLocaleString('en-US')} students × ${questions} questions (${(data.byteLength / 1048576).toFixed(1)} MiB) in ${s.toFixed(2)} s warm, ${cold.s.toFixed(2)} s first run = ${Math.round((a.test.students * questions) / s).toLocaleString('en-US')} responses/s (target ≤ 2 s)`,
    );
    const t = process.hrtime.bigint();
    const files = reportFiles(a);
    const bytes = files.reduce((n, f) => n + f.content.length, 0);
    lines.push(
      `  report files (HTML, JSON, CSV) of it: ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(2)} s, ${(bytes / 1048576).toFixed(1)} MiB of text`,
    );
  }
  return lines;
}
