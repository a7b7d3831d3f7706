#!/usr/bin/env node
/**
 * Where the page's bytes go: builds the site (into a temporary folder) and prints every chunk of the
 * page bundle with its gzip size, the chunks a fresh load of `/` can fetch before the first question
 * (the entry and each topic's chunk with what it imports), and for those chunks the source size per
 * package (before minification). `pnpm --filter @dlexam/web bundle-report` after `pnpm build`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const appDir = resolve(fileURLToPath(import.meta.url), '../..');
const outDir = mkdtempSync(join(tmpdir(), 'dlexam-bundle-'));
const TOPICS = ['foundations', 'cnn', 'rnn', 'regularization', 'optimization'];
process.env.NODE_ENV = 'production';

/** `packages/generator`, `handlebars`, `virtual:dlexam-stems/cnn`, … for a module id. */
function owner(id) {
  const clean = id.replace(/^\0/, '');
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(clean);
  if (pkg) return pkg[1];
  const local = /\/((?:packages|apps)\/[^/]+)\//.exec(clean);
  return local ? local[1] : clean;
}

let report = '';
await build({
  root: appDir,
  logLevel: 'error',
  build: { outDir, emptyOutDir: true },
  plugins: [
    {
      name: 'dlexam-bundle-report',
      apply: 'build',
      generateBundle(_options, bundle) {
        // Workers are bundled separately; this is the page's bundle.
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        if (!chunks.some((c) => c.isEntry && c.name === 'index')) return;
        const gz = (c) => gzipSync(c.code, { level: 9 }).length;
        const kb = (n) => `${(n / 1024).toFixed(1).padStart(6)} KB`;
        const entry = chunks.find((c) => c.isEntry);
        const closure = (c, seen = new Set()) => {
          if (seen.has(c.fileName)) return seen;
          seen.add(c.fileName);
          for (const f of c.imports) if (bundle[f]?.type === 'chunk') closure(bundle[f], seen);
          return seen;
        };
        report += 'Every chunk of the page (gzip -9):\n';
        for (const c of chunks.sort((a, b) => gz(b) - gz(a)))
          report += `${kb(gz(c))} ${c.fileName}\n`;
        report += '\nFirst load of / per topic (entry + the topic chunk and its imports):\n';
        const first = new Set(closure(entry));
        for (const t of TOPICS) {
          const own = chunks.find((c) => c.name === t && !c.isEntry);
          if (!own) continue;
          const files = closure(own, new Set(closure(entry)));
          for (const f of files) first.add(f);
          const total = [...files].reduce((s, f) => s + gz(bundle[f]), 0);
          report += `${kb(total)} ${t}: ${[...files].join(', ')}\n`;
        }
        const sizes = new Map();
        for (const f of first)
          for (const [id, m] of Object.entries(bundle[f].modules))
            sizes.set(owner(id), (sizes.get(owner(id)) ?? 0) + m.renderedLength);
        report += '\nSource bytes in those chunks by package (before minification):\n';
        for (const [p, n] of [...sizes].sort((a, b) => b[1] - a[1])) report += `${kb(n)} ${p}\n`;
      },
    },
  ],
});
rmSync(outDir, { recursive: true, force: true });
process.stdout.write(report);
