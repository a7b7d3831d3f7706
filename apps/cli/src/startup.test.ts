import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Issue 20: a command loads what it needs. The built CLI runs with a resolve hook that logs every
 * file it imports; each bundle chunk names the packages it holds (tsup's `// ../../packages/<name>/`
 * comments), so the test sees which packages a command compiled, not how long it took (no timing
 * in unit tests).
 */
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const hook = `data:text/javascript,${encodeURIComponent(
  `export async function resolve(s, c, next) { const r = await next(s, c);` +
    ` if (r.url.startsWith('file:')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`,
)}`;
const register = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(hook)});`,
)}`;

/** The workspace packages whose code a CLI run imported. */
function packagesLoaded(args: string[]): Set<string> {
  const r = spawnSync(process.execPath, ['--import', register, bin, ...args], {
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const files = new Set(
    [...r.stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => fileURLToPath(m[1] as string)),
  );
  const packages = new Set<string>();
  for (const f of files)
    for (const m of readFileSync(f, 'utf8').matchAll(/^\/\/ \.\.\/\.\.\/packages\/([\w-]+)\//gm))
      packages.add(m[1] as string);
  return packages;
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
    expect(topics(loaded)).toEqual([]);
    expect(loaded.has('generator')).toBe(false);
    expect([...loaded].filter((p) => p.startsWith('export-'))).toEqual([]);
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
