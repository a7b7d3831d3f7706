import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue 20: a command evaluates what it needs. The built CLI runs with V8's coverage on
 * (`NODE_V8_COVERAGE`), which counts the calls of every function. A command runs the CLI bundle
 * `dist/cli.cjs`, where esbuild wraps each module in an initialiser named by its path
 * (`"../../packages/topic-cnn/src/conv.ts"() {…}`) that runs on the module's first import; help and
 * the version run the ES module chunks, which name the packages they hold in tsup's
 * `// ../../packages/<name>/` comments. So the test sees which packages a command evaluated, not how
 * long it took (no timing in unit tests).
 */
const bin = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));

interface ScriptCoverage {
  url: string;
  functions: { functionName: string; ranges: { count: number }[] }[];
}

/** The workspace packages whose modules a CLI run evaluated. */
function packagesLoaded(args: string[]): Set<string> {
  const dir = mkdtempSync(join(tmpdir(), 'dlexam-startup-'));
  try {
    const r = spawnSync(process.execPath, [bin, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NODE_V8_COVERAGE: dir },
    });
    expect(r.status, r.stderr).toBe(0);
    const scripts = readdirSync(dir).flatMap(
      (f) =>
        (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { result: ScriptCoverage[] }).result,
    );
    const packages = new Set<string>();
    for (const s of scripts) {
      if (!s.url.startsWith('file:')) continue;
      const ran = s.functions.filter((f) => (f.ranges[0]?.count ?? 0) > 0);
      if (s.url.endsWith('.cjs')) {
        for (const f of ran) {
          const m = /^\.\.\/\.\.\/packages\/([\w-]+)\//.exec(f.functionName);
          if (m) packages.add(m[1] as string);
        }
      } else if (ran.length && s.url.includes('/dist/')) {
        const text = readFileSync(fileURLToPath(s.url), 'utf8');
        for (const m of text.matchAll(/^\/\/ \.\.\/\.\.\/packages\/([\w-]+)\//gm))
          packages.add(m[1] as string);
      }
    }
    return packages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const topics = (s: Set<string>) => [...s].filter((p) => p.startsWith('topic-')).sort();

describe('what a command loads', () => {
  it('preview of one template loads its topic only', () => {
    const loaded = packagesLoaded(['preview', 'cnn.conv-output-size', '--seed', '1']);
    expect(topics(loaded)).toEqual(['topic-cnn']);
    expect(loaded.has('generator')).toBe(true);
    expect(loaded.has('export-moodle')).toBe(false);
  });

  it('describe of one template loads its topic only', () => {
    expect(topics(packagesLoaded(['describe', 'rnn.lstm-step']))).toEqual(['topic-rnn']);
  });

  it('--help loads no template, generator or exporter', () => {
    const loaded = packagesLoaded(['--help']);
    // The help text's own modules (main.ts imports the types package's errors) are seen.
    expect(loaded.has('types')).toBe(true);
    expect(topics(loaded)).toEqual([]);
    expect(loaded.has('generator')).toBe(false);
    expect([...loaded].filter((p) => p.startsWith('export-'))).toEqual([]);
  });

  it('generate loads the exporters of the asked formats only', () => {
    const out = mkdtempSync(join(tmpdir(), 'dlexam-startup-out-'));
    try {
      const loaded = packagesLoaded(['generate', '--format', 'moodle', '--out', out]);
      expect([...loaded].filter((p) => p.startsWith('export-'))).toEqual(['export-moodle']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('list loads every topic (it lists them all)', () => {
    expect(topics(packagesLoaded(['list']))).toEqual([
      'topic-cnn',
      'topic-foundations',
      'topic-optimization',
      'topic-regularization',
      'topic-rnn',
    ]);
  });
});
