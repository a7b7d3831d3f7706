import { sampleExam, sampleVariants } from '@dlexam/types/testing';
import { describe, expect, test } from 'vitest';
import { toQtiFiles, type QtiFile } from '@dlexam/export-qti';
import { examOf } from './fixtures.js';
import {
  validateAssessmentMeta,
  validateCcQtiXsd,
  validateManifest,
  validateQtiDtd,
} from './validate.js';

const assessments = (files: QtiFile[]) =>
  files.filter((f) => f.content.includes('<questestinterop'));
const metas = (files: QtiFile[]) => files.filter((f) => f.path.endsWith('/assessment_meta.xml'));

describe.each(['groups', 'plain'] as const)('mode %s: every document is schema-valid', (mode) => {
  const files = toQtiFiles(sampleExam(), { mode });

  test('assessment documents validate against the IMS QTI 1.2.1 ASI DTD', () => {
    const docs = assessments(files).map((f) => f.content);
    expect(docs.length).toBe(mode === 'groups' ? 1 : 2);
    const result = validateQtiDtd(docs);
    expect(result.errors).toEqual([]);
  });

  test('imsmanifest.xml validates against the IMS CP 1.1 XSD', async () => {
    const manifest = files.find((f) => f.path === 'imsmanifest.xml');
    const result = await validateManifest(manifest!.content);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test("assessment_meta.xml validates against Canvas's quiz schema", async () => {
    for (const meta of metas(files)) {
      const result = await validateAssessmentMeta(meta.content);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });
});

test('an exam without instructions has an empty, still valid quiz description', async () => {
  const files = toQtiFiles(examOf(sampleVariants().slice(0, 2)));
  const meta = metas(files)[0]!.content;
  expect(meta).toContain('<description/>');
  expect((await validateAssessmentMeta(meta)).errors).toEqual([]);
});

test('the optional shapes (range answers, equation images, time limit) are valid too', async () => {
  const files = toQtiFiles(sampleExam(), {
    numericStyle: 'range',
    math: 'canvas-equation-image',
    timeLimitMinutes: 30,
    shuffleAnswers: true,
    indent: false,
  });
  expect(files[1]!.content.trimEnd()).not.toContain('\n'); // one line
  expect((await validateManifest(files[0]!.content)).errors).toEqual([]);
  expect(validateQtiDtd(assessments(files).map((f) => f.content)).errors).toEqual([]);
  for (const meta of metas(files))
    expect((await validateAssessmentMeta(meta.content)).errors).toEqual([]);
});

test('choice and short-answer questions also validate against the Common Cartridge QTI profile XSD', async () => {
  const kinds = new Set(['single', 'multiple', 'short']);
  const files = toQtiFiles(examOf(sampleVariants().filter((v) => kinds.has(v.kind))), {
    mode: 'plain',
  });
  const result = await validateCcQtiXsd(assessments(files).map((f) => f.content));
  expect(result.errors).toEqual([]);
  expect(result.valid).toBe(true);
});

test('the validators reject broken documents (they can fail)', async () => {
  const files = toQtiFiles(sampleExam(), { mode: 'plain' });
  const doc = assessments(files)[0]!.content;
  expect(validateQtiDtd([doc.replace('<resprocessing>', '<resprocessing><bogus/>')]).valid).toBe(
    false,
  );
  expect(validateQtiDtd([doc.replace('continue="No"', 'continue="Maybe"')]).valid).toBe(false);
  expect(validateQtiDtd([doc.replace(/<outcomes>[\s\S]*?<\/outcomes>/, '')]).valid).toBe(false);
  const manifest = files.find((f) => f.path === 'imsmanifest.xml')!.content;
  expect((await validateManifest(manifest.replace('<organizations/>', ''))).valid).toBe(false);
  const meta = metas(files)[0]!.content;
  expect(
    (await validateAssessmentMeta(meta.replace('<quiz_type>assignment', '<quiz_type>exam'))).valid,
  ).toBe(false);
  const kinds = new Set(['single']);
  const cc = assessments(
    toQtiFiles(examOf(sampleVariants().filter((v) => kinds.has(v.kind))), { mode: 'plain' }),
  )[0]!.content;
  expect(
    (await validateCcQtiXsd([cc.replace('<resprocessing>', '<resprocessing><bogus/>')])).valid,
  ).toBe(false);
});
