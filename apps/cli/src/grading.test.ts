import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';
import { checkExamFiles } from '@dlexam/grading-contract';
import type { Exam } from '@dlexam/types';

const run = (argv: string[], cwd?: string) =>
  runCli(argv, cwd ?? mkdtempSync(join(tmpdir(), 'dlexam-grading-')));

/** The exam JSON, Moodle XML and QTI assessment a run wrote to `out/`. */
function written(cwd: string) {
  const out = join(cwd, 'out');
  const file = (suffix: string) => readdirSync(out).find((f) => f.endsWith(suffix)) as string;
  const exam = JSON.parse(readFileSync(join(out, file('.exam.json')), 'utf8')) as Exam;
  const zip = unzipSync(new Uint8Array(readFileSync(join(out, file('.qti.zip')))));
  const assessment = Object.keys(zip).find((k) => /\/dlx_[^/]*\.xml$/.test(k)) as string;
  return {
    exam,
    moodleXml: readFileSync(join(out, file('.moodle.xml')), 'utf8'),
    qtiAssessmentXml: strFromU8(zip[assessment] as Uint8Array),
  };
}

describe('grading through the CLI', () => {
  it('the default generate is safe: every scripted response scores in Moodle and Canvas as the key means', async () => {
    const r = await run(['generate', '--seed', 'safe-default']);
    expect(r.code, r.stderr).toBe(0);
    const { exam, moodleXml, qtiAssessmentXml } = written(r.cwd);
    expect(exam.slots.every((s) => s.grading === 'right-minus-wrong')).toBe(true);
    const result = checkExamFiles(exam, { moodleXml, qtiAssessmentXml });
    expect(result.variants).toBeGreaterThan(10);
    expect(result.disagreements).toEqual([]);
    // The secret seed is in the exam JSON only.
    expect(moodleXml).not.toContain('safe-default');
    expect(qtiAssessmentXml).not.toContain('safe-default');
  });

  it('grading: in exam.yaml per exam and per slot; the answer key states the rule', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dlexam-grading-'));
    writeFileSync(
      join(cwd, 'exam.yaml'),
      [
        'title: Graded',
        'seed: graded-1',
        'grading: all-or-nothing',
        'slots:',
        '  - template: cnn.concepts',
        '    kind: multiple',
        '  - template: cnn.concepts',
        '    kind: multiple',
        '    grading: right-minus-wrong',
      ].join('\n'),
    );
    const r = await run(['generate', '--spec', 'exam.yaml', '--format', 'json,html'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const exam = JSON.parse(readFileSync(join(cwd, 'out', 'graded.exam.json'), 'utf8')) as Exam;
    expect(exam.slots.map((s) => s.grading)).toEqual(['all-or-nothing', 'right-minus-wrong']);
    const key = readFileSync(join(cwd, 'out', 'graded', 'answer-key.html'), 'utf8');
    expect(key).toContain('all or nothing: full marks only for exactly the right options');
    expect(key).toContain('right minus wrong');
  });

  it.each(['moodle', 'qti'])(
    'all-or-nothing cannot go to %s: one line naming the reason, no file',
    async (format) => {
      const cwd = mkdtempSync(join(tmpdir(), 'dlexam-grading-'));
      writeFileSync(
        join(cwd, 'exam.yaml'),
        'title: AON\nseed: aon\nslots:\n  - template: cnn.concepts\n    kind: multiple\n',
      );
      const argv = ['generate', '--spec', 'exam.yaml', '--grading', 'all-or-nothing'];
      const r = await run([...argv, '--format', format], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        format === 'moodle'
          ? /all-or-nothing grading cannot be exported to Moodle/
          : /all-or-nothing grading cannot be exported to Canvas/,
      );
      expect(readdirSync(cwd)).toEqual(['exam.yaml']);
    },
  );

  it('--grading refuses an unknown rule with the allowed ones', async () => {
    const r = await run(['generate', '--grading', 'half']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--grading: unknown value 'half'; allowed: right-minus-wrong, all-or-nothing/,
    );
  });
});
