import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, snapshot } from './cli-harness.js';
import { CLI_BUNDLE_FILE, CODE_CACHES, loadCompiledCli } from './compiled-cli.js';

/** Issue 20: the built CLI runs as one CommonJS bundle through V8's code cache. */
const dist = new URL('../dist/', import.meta.url);
const bin = fileURLToPath(new URL('bin.cjs', dist));
const quietIo = () => {
  let stdout = '';
  return {
    io: {
      stdout: (s: string) => void (stdout += s),
      stderr: () => {},
      cwd: tmpdir(),
      isTTY: false,
      secretSeed: () => 'x',
    },
    said: () => stdout,
  };
};

describe('the CLI bundle and its code cache', () => {
  it('the build wrote both caches, and V8 takes each for this bundle', () => {
    for (const file of Object.values(CODE_CACHES))
      expect(loadCompiledCli(dist, file).cacheUsed, file).toBe(true);
  });

  it('a cache of another bundle is ignored, and the CLI still runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-code-cache-'));
    try {
      // The same length (all V8 itself checks), another text: the digest tells them apart.
      const source = readFileSync(new URL(CLI_BUNDLE_FILE, dist), 'utf8');
      writeFileSync(join(dir, CLI_BUNDLE_FILE), source.replace('// src/main.ts', '// src/main.TS'));
      copyFileSync(new URL(CODE_CACHES.full, dist), join(dir, CODE_CACHES.full));
      const cli = loadCompiledCli(pathToFileURL(dir + '/'), CODE_CACHES.full);
      expect(cli.cacheUsed).toBe(false);
      const { io, said } = quietIo();
      expect(await cli.main(['--version'], io)).toBe(0);
      expect(said()).toMatch(/^dlexam \d+\.\d+\.\d+\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the built command writes the exam the sources write in-process', async () => {
    // In-process from the TypeScript sources: no bundle, no code cache, none of the build's
    // precomputed pool sizes, effort scales or question-text pieces.
    const source = await runCli(['generate', '--versions', '3']);
    expect(source.code, source.stderr).toBe(0);
    const built = spawnSync(process.execPath, [bin, 'generate', '--versions', '3'], {
      cwd: mkdtempSync(join(tmpdir(), 'dlexam-built-')),
      encoding: 'utf8',
    });
    expect(built.status, built.stderr).toBe(0);
    const cwd = /wrote (\S+)[\\/]out[\\/]/.exec(built.stdout)?.[1] as string;
    const mine = snapshot(join(source.cwd, 'out'));
    expect(Object.keys(mine).length).toBeGreaterThan(20);
    expect(snapshot(join(cwd, 'out'))).toEqual(mine);
    for (const dir of [source.cwd, cwd]) rmSync(dir, { recursive: true, force: true });
  });

  it("imports an instructor's ES module of templates with Node's own import()", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlexam-own-'));
    try {
      // An ES module (top-level await, export syntax): the bundle's require() could not load it.
      writeFileSync(
        join(dir, 'mine.mjs'),
        `const stem = await Promise.resolve('Add {{a}} and {{b}}.');
export const templates = [{
  id: 'mine.sum', topic: 'foundations', title: 'Sum', objective: 'Add two integers.',
  difficulty: 1, tags: ['arithmetic'], kinds: ['numeric'],
  params: {
    a: { type: 'int', min: 1, max: 40, description: 'first addend' },
    b: { type: 'int', min: 3, max: 40, description: 'second addend' },
  },
  build: (p, ctx) => ({
    stem: ctx.render(stem, p),
    solution: ctx.render('{{a}} + {{b}} = {{s}}', { ...p, s: p.a + p.b }),
    answer: { type: 'numeric', value: p.a + p.b, decimals: 0,
      distractors: [{ value: p.a * p.b, misconception: 'multiplied', feedback: 'That is the product.' }] },
  }),
}];
`,
      );
      const r = spawnSync(
        process.execPath,
        [bin, 'preview', 'mine.sum', '--seed', '3', '--templates', './mine.mjs'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Add \d+ and \d+\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DLEXAM_CODE_CACHE=0 compiles from source, and the exam is byte for byte the same', () => {
    const runs = ['1', '0'].map((cache) => {
      const cwd = mkdtempSync(join(tmpdir(), 'dlexam-code-cache-run-'));
      const r = spawnSync(process.execPath, [bin, 'generate', '--versions', '3'], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, DLEXAM_CODE_CACHE: cache },
      });
      expect(r.status, r.stderr).toBe(0);
      const files = snapshot(join(cwd, 'out'));
      rmSync(cwd, { recursive: true, force: true });
      return { files, stdout: r.stdout.replaceAll(cwd, '<cwd>') };
    });
    const [cached, fresh] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(cached.stdout).toBe(fresh.stdout);
    expect(Object.keys(cached.files).length).toBeGreaterThan(20);
    expect(fresh.files).toEqual(cached.files);
  });
});
