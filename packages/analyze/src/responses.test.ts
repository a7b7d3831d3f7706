import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Exam, Variant } from '@dlexam/types';
import { describe, expect, it } from 'vitest';
import { gradeResponse } from './index.js';

const exam = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../test/fixtures/moodle-analyze-1/exam.exam.json', import.meta.url)),
    'utf8',
  ),
) as Exam;
const byKind = (kind: Variant['kind'], slot: number) =>
  exam.versions.map((v) => v.questions[slot]!.variant).find((v) => v.kind === kind)!;

describe('gradeResponse', () => {
  const table = byKind('table', 4);
  const values = () => {
    if (table.answer.kind !== 'table') throw new Error('table expected');
    return table.answer.rows.flatMap((r) =>
      r.flatMap((c) => (c.type === 'numeric' ? [c.answer.value.toFixed(c.answer.decimals)] : [])),
    );
  };

  it('a Moodle cloze summary: every part right, one part wrong, all parts blank', () => {
    const v = values();
    const text = (xs: string[]) => xs.map((x, i) => `part ${i + 1}: ${x}`).join('; ');
    expect(gradeResponse(table, text(v), 'moodle')).toMatchObject({ outcome: 'correct', score: 1 });
    const wrong = [...v];
    wrong[0] = String(Number(v[0]) + 1);
    const g = gradeResponse(table, text(wrong), 'moodle');
    expect(g.outcome).toBe('partly');
    expect(g.score).toBeCloseTo((v.length - 1) / v.length, 12);
    expect(g.details).toEqual([
      expect.objectContaining({ type: 'cell', given: wrong[0], expected: v[0] }),
    ]);
    expect(
      gradeResponse(
        table,
        v
          .map((_, i) => `part ${i + 1}: `)
          .join('; ')
          .trimEnd(),
        'moodle',
      ).outcome,
    ).toBe('blank');
  });

  it('a Canvas fill-in-the-blanks answer with an empty blank dropped is noted, not silently trusted', () => {
    const v = values();
    const g = gradeResponse(table, v.slice(1).join(','), 'canvas');
    expect(g.notes).toEqual(['canvas-dropped-blanks']);
    expect(gradeResponse(table, v.join(','), 'canvas').notes).toBeUndefined();
  });

  it('a Moodle select-all summary is split into known options even when an option holds "; "', () => {
    const multiple = structuredClone(byKind('multiple', 2));
    if (multiple.answer.kind !== 'multiple') throw new Error('multiple expected');
    multiple.choices[0]!.text = 'A; B';
    multiple.choices[0]!.plain = 'A; B';
    const right = multiple.answer.correct.map((i) => multiple.choices[i]!.text);
    const wrongIndex = multiple.choices.findIndex((c) => !c.correct);
    const g = gradeResponse(
      multiple,
      [...right, multiple.choices[wrongIndex]!.text].reverse().join('; '),
      'moodle',
    );
    expect(g.picks.sort()).toEqual([...multiple.answer.correct, wrongIndex].sort());
    expect(g.details).toContainEqual(
      expect.objectContaining({ type: 'option', index: wrongIndex }),
    );
  });

  it('an option text the variant does not have is reported as unrecognized', () => {
    const single = byKind('single', 1);
    const g = gradeResponse(single, 'Something else entirely', 'moodle');
    expect(g.outcome).toBe('wrong');
    expect(g.details).toEqual([{ type: 'unrecognized', text: 'Something else entirely' }]);
  });
});
