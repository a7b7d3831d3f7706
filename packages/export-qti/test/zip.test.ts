import { sampleExam, sampleVariants } from '@dlexam/types/testing';
import { strFromU8, unzipSync } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { toQtiFiles, toQtiZip } from '@dlexam/export-qti';
import { examOf } from './fixtures.js';
import { parseAssessment } from './parse.js';

test('the same exam gives a byte-identical zip', () => {
  const a = toQtiZip(sampleExam());
  const b = toQtiZip(sampleExam());
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  const p1 = toQtiZip(sampleExam(), { mode: 'plain' });
  const p2 = toQtiZip(sampleExam(), { mode: 'plain' });
  expect(Buffer.from(p1).equals(Buffer.from(p2))).toBe(true);
  expect(Buffer.from(p1).equals(Buffer.from(a))).toBe(false);
});

test('the zip holds exactly the package files, manifest first, with a fixed timestamp', () => {
  const zip = toQtiZip(sampleExam());
  const files = toQtiFiles(sampleExam());
  const entries = unzipSync(zip);
  expect(Object.keys(entries)).toEqual(files.map((f) => f.path));
  for (const f of files) expect(strFromU8(entries[f.path]!)).toBe(f.content);
  // Local file headers: DOS time at offset 10, date at 12 — 2000-01-01 00:00:00 for every entry.
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let offset = 0;
  let count = 0;
  while (view.getUint32(offset, true) === 0x04034b50) {
    expect(view.getUint16(offset + 10, true)).toBe(0);
    expect(view.getUint16(offset + 12, true)).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
    const compressed = view.getUint32(offset + 18, true);
    offset +=
      30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true) + compressed;
    count++;
  }
  expect(count).toBe(files.length);
});

test('figures are SVG files in the zip, referenced from the question HTML with alt text', () => {
  const files = toQtiFiles(sampleExam());
  const images = files.filter((f) => f.path.startsWith('images/'));
  // The numeric sample has a figure in both versions: two variants, two files.
  expect(images.length).toBe(2);
  const assessment = parseAssessment(
    files.find((f) => f.content.includes('<questestinterop'))!.content,
  );
  const html = assessment.groups.flatMap((g) => g.items.map((i) => i.html)).join('\n');
  const manifest = files[0]!.content;
  for (const img of images) {
    expect(img.content.startsWith('<svg')).toBe(true);
    expect(html).toContain(`<img src="$IMS-CC-FILEBASE$/${img.path}" alt="A 5 by 5 grid">`);
    expect(manifest).toContain(`<file href="${img.path}"/>`);
  }
});

test('an injected compressor (Node zlib) gives the same files in a valid, deterministic zip', () => {
  const deflate = (data: Uint8Array) => deflateRawSync(data, { level: 1 });
  for (const mode of ['groups', 'plain'] as const) {
    const zip = toQtiZip(sampleExam(), { mode, deflate });
    expect(Buffer.from(zip).equals(Buffer.from(toQtiZip(sampleExam(), { mode, deflate })))).toBe(
      true,
    );
    const entries = unzipSync(zip);
    const files = toQtiFiles(sampleExam(), { mode });
    expect(Object.keys(entries)).toEqual(files.map((f) => f.path));
    for (const f of files) expect(strFromU8(entries[f.path]!)).toBe(f.content);
    // Every entry is deflated (method 8) with the fixed 2000-01-01 00:00 timestamp.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(8);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
  }
  expect(() => toQtiZip(sampleExam(), { deflate: 'fast' as never })).toThrow(
    /deflate must be a function/,
  );
});

test('an injected CRC-32 (Node zlib) gives the very bytes of fflate’s own CRC', () => {
  const deflate = (data: Uint8Array) => deflateRawSync(data, { level: 1 });
  for (const mode of ['groups', 'plain'] as const) {
    const own = Buffer.from(toQtiZip(sampleExam(), { mode, deflate }));
    const injected = Buffer.from(toQtiZip(sampleExam(), { mode, deflate, crc32 }));
    expect(injected.equals(own)).toBe(true);
    // A CRC that differs shows up in the bytes (the check above can fail).
    const wrong = Buffer.from(toQtiZip(sampleExam(), { mode, deflate, crc32: () => 0 }));
    expect(wrong.equals(own)).toBe(false);
  }
  expect(() => toQtiZip(sampleExam(), { deflate, crc32: 1 as never })).toThrow(
    /crc32 must be a function/,
  );
  expect(() => toQtiZip(sampleExam(), { crc32 })).toThrow(/crc32 applies with option deflate/);
});

test('text far beyond Latin-1 (3- and 4-byte UTF-8) is encoded whole, in both zip paths', () => {
  // Stems of emoji and math symbols give several times more bytes than characters, past the
  // encoder's first buffer guess, and surrogate pairs sit on chunk boundaries.
  const variants = sampleVariants().map((v, i) => ({
    ...v,
    stem: `${'😀∑'.repeat(400 + i)} Which?`,
    solution: `${'∂'.repeat(3000)}.`,
  }));
  const exam = examOf(variants);
  const deflate = (data: Uint8Array) => deflateRawSync(data, { level: 1 });
  for (const mode of ['groups', 'plain'] as const) {
    const files = toQtiFiles(exam, { mode });
    for (const zip of [toQtiZip(exam, { mode }), toQtiZip(exam, { mode, deflate, crc32 })]) {
      const entries = unzipSync(zip);
      for (const f of files) expect(strFromU8(entries[f.path]!)).toBe(f.content);
    }
    expect(files.some((f) => f.content.includes('😀∑😀∑'))).toBe(true);
  }
});
