import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, AnalyzeError, decodeText, type AnalyzeInput } from './index.js';

const dir = fileURLToPath(new URL('../test/fixtures/moodle-analyze-1/', import.meta.url));
const examJson = JSON.parse(readFileSync(dir + 'exam.exam.json', 'utf8'));
const responses = readFileSync(dir + 'responses.csv', 'utf8'); // BOM kept as U+FEFF
const grades = readFileSync(dir + 'grades.csv', 'utf8');
const exam = { name: 'exam.exam.json', json: examJson };
const lines = responses.split('\n');

function run(input: Partial<AnalyzeInput>): () => unknown {
  return () => analyze({ exam, results: { name: 'responses.csv', data: responses }, ...input });
}

describe('analyze refuses bad input with one line naming the file, the line and what was expected', () => {
  it('a results file from another exam (same shape, other questions)', () => {
    const other = structuredClone(examJson);
    for (const v of other.versions)
      for (const q of v.questions) q.variant.stem = 'Another exam. ' + q.variant.stem;
    expect(run({ exam: { name: 'other.exam.json', json: other } })).toThrow(
      /^responses\.csv line 2: 'Question 1' \("Compute the height .*"\) matches no variant of question 1 of the exam 'Analyze Fixture One' — is this the right exam\?$/,
    );
  });

  it('a results file with another number of questions', () => {
    const fewer = structuredClone(examJson);
    for (const v of fewer.versions) v.questions.pop();
    expect(run({ exam: { name: 'x.exam.json', json: fewer } })).toThrow(
      /^responses\.csv line 1: the file has 6 question column\(s\) \(1, 2, 3, 4, 5, 6\) but the exam 'Analyze Fixture One' has 5 questions/,
    );
  });

  it('a missing column', () => {
    const cut = lines.map((l) => l.replace(/,"Response 3"/, ',"Answer 3"')).join('\n');
    expect(run({ results: { name: 'r.csv', data: cut } })).toThrow(
      /^r\.csv line 1: missing column 'Response 3'; download the Responses report with "Response" ticked$/,
    );
  });

  it('an unknown export layout, and the Grades or Canvas Item Analysis file in place of the responses', () => {
    expect(run({ results: { name: 'x.csv', data: 'a,b,c\n1,2,3\n' } })).toThrow(
      /^x\.csv line 1: unknown export layout; expected a Moodle quiz Responses download/,
    );
    expect(run({ results: { name: 'g.csv', data: grades } })).toThrow(
      /^g\.csv line 1: this is a Moodle Grades download; pass it with --grades/,
    );
    expect(
      run({
        results: {
          name: 'i.csv',
          data: 'Question Id,Question Title,Answered Student Count,Point Biserial of Correct\n1,a,2,0.1\n',
        },
      }),
    ).toThrow(
      /^i\.csv line 1: this is a Canvas Item Analysis CSV; expected the Student Analysis CSV/,
    );
    expect(run({ results: { name: 'e.csv', data: '' } })).toThrow(/^e\.csv: the file is empty/);
  });

  it('duplicate students', () => {
    const dup = [...lines.slice(0, 3), lines[1], ...lines.slice(3)].join('\n');
    expect(run({ results: { name: 'd.csv', data: dup } })).toThrow(
      /^d\.csv line 4: duplicate student student01@example\.org \(also on line 2\); expected one attempt per student — download with 'Show at most one finished attempt per user' ticked$/,
    );
  });

  it('a row with a missing cell and a broken quote', () => {
    const short = [...lines.slice(0, 5), lines[5]!.replace(/,[^,]*$/, ''), ...lines.slice(6)].join(
      '\n',
    );
    expect(run({ results: { name: 's.csv', data: short } })).toThrow(
      /^s\.csv line 6: 25 cells but the header has 26; expected one cell per column$/,
    );
    const broken = [
      ...lines.slice(0, 7),
      lines[7]!.replace(/,"4 March/, ',"4 March"x'),
      ...lines.slice(8),
    ].join('\n');
    expect(run({ results: { name: 'q.csv', data: broken } })).toThrow(
      /^q\.csv line 8: malformed CSV \(.*\); expected an LMS export saved as CSV$/,
    );
  });

  it('a Grades file of another quiz', () => {
    const g = grades.replace(/student03@example\.org/, 'someone@example.org');
    expect(run({ grades: { name: 'g.csv', data: g } })).toThrow(
      /^g\.csv: student student03@example\.org \(responses\.csv line 4\) has no finished attempt here; expected the Grades download of the same quiz$/,
    );
  });

  it('an exam file that is not a dlexam exam', () => {
    expect(run({ exam: { name: 'x.json', data: '{"title": 1}' } })).toThrow(
      /^x\.json: not a dlexam exam JSON; expected the <exam>\.exam\.json/,
    );
    expect(run({ exam: { name: 'x.json', data: '{"title": \n' } })).toThrow(
      /^x\.json( line \d+)?: not valid JSON/,
    );
  });

  it('every refusal is an AnalyzeError (the CLI prints it as one line, exit code 2)', () => {
    expect(run({ results: { name: 'x.csv', data: 'a\n' } })).toThrow(AnalyzeError);
  });
});

describe('encodings', () => {
  it('reads a BOM-less UTF-8 file exactly as the BOM one', () => {
    const a = analyze({
      exam,
      results: { name: 'r.csv', data: new TextEncoder().encode(responses) },
    });
    const b = analyze({
      exam,
      results: { name: 'r.csv', data: new TextEncoder().encode(responses.replace(/^\uFEFF/, '')) },
    });
    expect(a.responses).toEqual(b.responses);
    expect(a.students.find((s) => s.key === 'student06@example.org')!.name).toBe('Student06 Núñez');
    expect(a.source.warnings).toEqual([]);
  });

  it('detects Excel’s Windows-1252 CSV and converts it, with a note', () => {
    const canvas = readFileSync(
      fileURLToPath(new URL('../test/fixtures/canvas-student-analysis.csv', import.meta.url)),
      'utf8',
    ).replace('Dora Diaz', 'Dóra Díaz–Müller');
    // Encoded by hand: Latin-1 letters are their code points, the en dash is 0x96 in Windows-1252.
    const bytes = Uint8Array.from([...canvas].map((ch) => (ch === '–' ? 0x96 : ch.charCodeAt(0))));
    expect(decodeText(bytes)).toMatchObject({ encoding: 'windows-1252', text: canvas });
    expect(decodeText(new TextEncoder().encode(canvas))).toMatchObject({
      encoding: 'utf-8',
      bom: false,
    });
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]))).toMatchObject({
      encoding: 'utf-16le',
      text: 'Aé',
    });
  });
});

describe('downloads in another format', () => {
  it('an Excel workbook or a JSON download instead of CSV', () => {
    const xlsx = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    expect(run({ results: { name: 'r.xlsx', data: xlsx } })).toThrow(
      /^r\.xlsx: an Excel \(\.xlsx\) or OpenDocument \(\.ods\) workbook; expected CSV/,
    );
    expect(run({ results: { name: 'r.json', data: '[[{"lastname":"Adams"}]]' } })).toThrow(
      /^r\.json: a JSON download; expected CSV/,
    );
  });
});

describe('variants the question text cannot tell apart', () => {
  // A copy of a slot-1 variant with the same stem and another answer: the text matches both.
  const twin = structuredClone(examJson);
  const original = twin.versions[0].questions[0].variant;
  const copy = structuredClone(original);
  copy.seed = 'twin000000';
  copy.answer.numeric.value += 1;
  for (const c of copy.choices) if (c.correct) c.value = copy.answer.numeric.value;
  twin.versions.push({
    code: 'X',
    index: twin.versions.length,
    questions: [
      { ...twin.versions[0].questions[0], variant: copy },
      ...twin.versions[0].questions.slice(1),
    ],
  });
  const id = `${original.templateId}@${original.seed}`;

  it("are told apart by Moodle's 'Right answer N'", () => {
    const a = analyze({
      exam: { name: 'twin.exam.json', json: twin },
      results: { name: 'responses.csv', data: responses },
    });
    expect(a.responses.filter((r) => r.question === 1 && r.item === id).length).toBeGreaterThan(0);
    expect(a.responses.some((r) => r.item.endsWith('@twin000000'))).toBe(false);
  });

  it('without that column they are an error, never a guess', () => {
    const noRight = responses.replace(',"Right answer 1"', ',"Answer key 1"');
    expect(() =>
      analyze({
        exam: { name: 'twin.exam.json', json: twin },
        results: { name: 'r.csv', data: noRight },
      }),
    ).toThrow(
      new RegExp(
        `^r\\.csv line \\d+: 'Question 1' matches 2 variants \\(.*${id.replace(/\./g, '\\.')}.*\\) and there is no 'Right answer 1' column to tell them apart`,
      ),
    );
  });
});

describe('a download in another language', () => {
  it('names the statuses it found and the one expected', () => {
    const french = responses.replace(/,Finished,/g, ',Terminé,');
    expect(run({ results: { name: 'fr.csv', data: french } })).toThrow(
      /^fr\.csv: no finished attempt in the file \(status 'Terminé' \(only finished attempts are graded\); status 'In progress'.*\); expected at least one row with Status 'Finished' \(download the report in English\)$/,
    );
  });
});
