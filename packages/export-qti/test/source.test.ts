import { qtiZipChunks, toQtiFiles, toQtiZip } from '@dlexam/export-qti';
import {
  assembleExam,
  assembleExamSource,
  parseExamSpec,
  TemplateRegistry,
} from '@dlexam/generator';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { materializeExam, type ExamSource } from '@dlexam/types';
import { unzipSync } from 'fflate';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';

const registry = new TemplateRegistry(cnnTemplates);
const spec = parseExamSpec(
  {
    title: 'Lazy CNN',
    versions: 5,
    slots: [
      { template: 'cnn.conv-output-size', kind: 'numeric', count: 2 },
      // Figures: their files are written from the variant again, after the assessment.
      { template: 'cnn.edge-detection' },
      { topic: 'cnn', count: 2 },
    ],
  },
  registry,
);

function counted(src: ExamSource): { src: ExamSource; calls: () => number } {
  let n = 0;
  return {
    calls: () => n,
    src: {
      ...src,
      ref: src.ref.bind(src),
      refs: src.refs.bind(src),
      version: src.version.bind(src),
      question(v, slot, k) {
        n++;
        return src.question(v, slot, k);
      },
    },
  };
}

const decoder = new TextDecoder();
const files = (zip: Uint8Array) =>
  Object.entries(unzipSync(zip)).map(([path, bytes]) => ({ path, content: decoder.decode(bytes) }));

it('an exam source exports the same files as the exam in memory', () => {
  const exam = assembleExam(spec, registry, { seed: 'lazy' });
  for (const mode of ['groups', 'plain'] as const) {
    const { src, calls } = counted(assembleExamSource(spec, registry, { seed: 'lazy' }));
    const expected = toQtiFiles(exam, { mode });
    expect(toQtiFiles(src, { mode })).toEqual(expected);
    expect(expected.some((f) => f.path.endsWith('.svg'))).toBe(true);
    // Each question at most three times: figure listing, its item, its figure file.
    expect(calls()).toBeLessThanOrEqual(3 * 5 * 5);
    expect(toQtiZip(src, { mode })).toEqual(toQtiZip(exam, { mode }));
  }
});

it('a streamed compressor writes every entry piece by piece; the files are the same', () => {
  const big = parseExamSpec(
    { title: 'Chunks', versions: 400, slots: [{ template: 'cnn.conv-output-size', count: 2 }] },
    registry,
  );
  let pieces = 0;
  const chunks = [
    ...qtiZipChunks(assembleExamSource(big, registry, { seed: 'c' }), {
      mode: 'plain',
      deflate: (d) => deflateRawSync(d, { level: 1 }),
      crc32,
      deflateStream: () => (d, final) => {
        pieces++;
        return deflateRawSync(d, {
          level: 1,
          finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
        });
      },
    }),
  ];
  const zip = Buffer.concat(chunks);
  expect(chunks.length).toBeGreaterThan(10);
  expect(pieces).toBeGreaterThan(400 * 2); // each entry at least its final piece
  expect(files(zip)).toEqual(
    toQtiFiles(assembleExam(big, registry, { seed: 'c' }), { mode: 'plain' }),
  );
});

it('a variant two versions share is one item of its group, as with the exam in memory', () => {
  const src = assembleExamSource(spec, registry, { seed: 'lazy' });
  // Version B repeats version A's questions: each group then holds A's variants once.
  const a = (v: number) => (v === 1 ? 0 : v);
  const repeated: ExamSource = {
    ...src,
    ref: (v, slot, k) => src.ref(a(v), slot, k),
    refs: (v) => src.refs(a(v)),
    question: (v, slot, k) => src.question(a(v), slot, k),
    version: (v) => ({ ...src.version(a(v)), code: src.versionCodes[v] as string, index: v }),
  };
  const items = (files: { path: string; content: string }[]) =>
    files
      .filter((f) => /\/dlx_[^/]+\.xml$/.test(f.path))
      .reduce((n, f) => n + (f.content.match(/<item /g) ?? []).length, 0);
  const lazy = toQtiFiles(repeated);
  expect(lazy).toEqual(toQtiFiles(materializeExam(repeated)));
  // 5 questions a version: 5 versions give 25 items, B's 5 repeats none of their own.
  expect(items(toQtiFiles(src))).toBe(25);
  expect(items(lazy)).toBe(20);
});
