import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleExam } from '@dlexam/types/testing';
import { describe, expect, test } from 'vitest';
import { toQtiFiles, type QtiOptions } from '@dlexam/export-qti';

/**
 * Golden files: the unzipped package of the sample exam, committed under test/golden/ and read
 * by a person before being accepted. Regenerate with UPDATE_GOLDEN=1 after an intended change,
 * then read the diff.
 */

const root = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [relative(root, join(dir, e.name))],
  );
}

// The committed files are the indented form, for people reading them; the default is compact
// (test/roundtrip.test.ts checks that compact is the same document without indentation).
const cases: [string, QtiOptions][] = [
  ['groups', { indent: true }],
  ['plain-A', { mode: 'plain', versions: ['A'], indent: true }],
];

describe.each(cases)('golden package %s', (name, options) => {
  const files = toQtiFiles(sampleExam(), options);
  const dir = join(root, name);

  if (update) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
  }

  test('holds exactly the golden files', () => {
    expect(files.map((f) => `${name}/${f.path}`).sort()).toEqual(listFiles(dir).sort());
  });

  test.each(files.map((f) => [f.path, f.content] as const))('%s matches', (path, content) => {
    expect(content).toBe(readFileSync(join(dir, path), 'utf8'));
  });
});
