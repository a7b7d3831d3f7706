import { toMoodleXml, variantsToMoodleXml } from '@dlexam/export-moodle';
import { moodleBenchCase } from '@dlexam/export-moodle/bench';
import type { Exam } from '@dlexam/types';
import { sampleExam } from '@dlexam/types/testing';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { wellFormed } from './moodle-reader.js';

const GOLDEN = fileURLToPath(new URL('./golden/small-exam.xml', import.meta.url));

/** The sample exam cut to four slots: numeric with a figure, single choice, matching, table. */
function smallExam(): Exam {
  const exam = sampleExam();
  const keep = new Set([0, 3, 5, 7]);
  const slots = exam.slots.filter((s) => keep.has(s.index));
  const versions = exam.versions.map((v) => ({
    ...v,
    questions: v.questions.filter((q) => keep.has(q.slot)),
  }));
  return {
    ...exam,
    title: 'Small Midterm & <Golden>',
    slots,
    versions,
    totalPoints: slots.reduce((s, x) => s + x.points, 0),
  };
}

it('matches the committed golden file (regenerate with UPDATE_GOLDEN=1 and read the diff)', async () => {
  // The committed file is the indented form, for people reading it; the default is compact.
  const xml = toMoodleXml(smallExam(), { indent: true });
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, xml);
  expect(xml).toBe(readFileSync(GOLDEN, 'utf8'));
  expect((await wellFormed(xml)).valid).toBe(true);
});

/** The document as an ordered tree, text and CDATA exactly as written (nothing trimmed). */
const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '#cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

type Node = Record<string, unknown>;

/** Drops whitespace-only text beside elements or CDATA (indentation), keeps every other text. */
function withoutIndentation(nodes: Node[]): Node[] {
  const mixed = nodes.some((n) => !('#text' in n));
  return nodes
    .filter((n) => !(mixed && '#text' in n && /^\s*$/.test(String(n['#text']))))
    .map((n) => {
      const out: Node = {};
      for (const [k, v] of Object.entries(n))
        out[k] = k !== ':@' && Array.isArray(v) ? withoutIndentation(v as Node[]) : v;
      return out;
    });
}

it('the default compact document is the indented one without indentation, text and CDATA untouched', async () => {
  const exam = smallExam();
  const compact = toMoodleXml(exam, {});
  const indented = toMoodleXml(exam, { indent: true });
  expect(compact).toBe(toMoodleXml(exam, { indent: false }));
  expect(compact.length).toBeLessThan(indented.length * 0.9);
  const compactTree = ordered.parse(compact) as Node[];
  // Nothing to drop in the compact document: its only whitespace-only texts are real ones.
  expect(withoutIndentation(compactTree)).toEqual(compactTree);
  expect(compactTree).toEqual(withoutIndentation(ordered.parse(indented) as Node[]));
  expect((await wellFormed(compact)).valid).toBe(true);
});

it('a document of many questions is the indented one without indentation', () => {
  // 600 questions: about 0.9 MB of compact XML, every kind many times over.
  const { variants } = moodleBenchCase(600);
  const compact = variantsToMoodleXml(variants);
  expect(compact.length).toBeGreaterThan(3 * 256 * 1024);
  const indented = variantsToMoodleXml(variants, { indent: true });
  const compactTree = ordered.parse(compact) as Node[];
  expect(withoutIndentation(compactTree)).toEqual(compactTree);
  expect(compactTree).toEqual(withoutIndentation(ordered.parse(indented) as Node[]));
  expect(compactTree.length).toBe(2);
});
