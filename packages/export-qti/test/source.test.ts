import { qtiZipChunks, toQtiFiles, toQtiZip } from '@dlexam/export-qti';
import { assembleExam, assembleExamSource, parseExamSpec } from '@dlexam/generator';
import { countingSource, lazyCnnExam } from '@dlexam/generator/testing';
import { cnnTemplates } from '@dlexam/topic-cnn';
import { materializeExam, type ExamSource } from '@dlexam/types';
import { unzipSync } from 'fflate';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';

const { registry, spec } = lazyCnnExam(cnnTemplates);

const decoder = new TextDecoder();
const files = (zip: Uint8Array) =>
  Object.entries(unzipSync(zip)).map(([path, bytes]) => ({ path, content: decoder.decode(bytes) }));

it('an exam source exports the same files as the exam in memory', () => {
  const exam = assembleExam(spec, registry, { seed: 'lazy' });
  for (const mode of ['groups', 'plain'] as const) {
    const { src, calls } = countingSource(assembleExamSource(spec, registry, { seed: 'lazy' }));
    const expected = toQtiFiles(exam, { mode });
    expect(toQtiFiles(src, { mode })).toEqual(expected);
    expect(expected.some((f) => f.path.endsWith('.svg'))).toBe(true);
    // Each question at most three times: figure listing, its item, its figure file.
    expect(Math.max(...calls.values())).toBeLessThanOrEqual(3);
    expect(calls.size).toBe(5 * 6); // 5 versions of 6 questions
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
  // 6 questions a version: 5 versions give 30 items, B's 6 repeats none of their own.
  expect(items(toQtiFiles(src))).toBe(30);
  expect(items(lazy)).toBe(24);
});
