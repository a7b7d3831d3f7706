#!/usr/bin/env node
// `pnpm check:publish`: are the public packages fit to publish? After `pnpm build`, it packs every
// public workspace package with pnpm (as `pnpm publish` would: `workspace:` ranges become
// versions), then checks each tarball with publint (strict) and @arethetypeswrong/cli (ESM only),
// and finally installs the tarballs into a strict consumer project (consumer/) and type-checks it.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const keep = process.argv.includes('--keep');

/** The public packages: every workspace package under packages/ and apps/ not marked private. */
function publicPackages() {
  const out = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const dir = join(root, group, name);
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (!pkg.private) out.push({ dir, pkg });
    }
  }
  return out;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

const work = mkdtempSync(join(tmpdir(), 'dlexam-publish-'));
const failures = [];
try {
  const packages = publicPackages();
  const tarballs = new Map();
  for (const { dir, pkg } of packages) {
    const before = new Set(readdirSync(work));
    const r = run('pnpm', ['pack', '--pack-destination', work], { cwd: dir });
    const made = readdirSync(work).filter((f) => f.endsWith('.tgz') && !before.has(f));
    if (r.status !== 0 || made.length !== 1) {
      failures.push(`${pkg.name}: pnpm pack failed\n${r.stdout}${r.stderr}`);
      continue;
    }
    tarballs.set(pkg.name, join(work, made[0]));
  }

  for (const { pkg } of packages) {
    const tarball = tarballs.get(pkg.name);
    if (!tarball) continue;
    const bytes = readFileSync(tarball);
    const { messages, pkg: packed } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      strict: true,
    });
    const problems = messages.filter((m) => m.type !== 'suggestion');
    for (const m of messages)
      console.log(`publint ${pkg.name}: ${m.type}: ${formatMessage(m, packed, { color: false })}`);
    if (problems.length) failures.push(`${pkg.name}: publint found ${problems.length} problem(s)`);

    // ESM only by design (Node ≥ 20.19), so the node10 and CommonJS resolutions are not asked for.
    const attw = run(
      join(here, 'node_modules/.bin/attw'),
      [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-color'],
      { cwd: root },
    );
    if (attw.status !== 0) {
      process.stdout.write(attw.stdout + attw.stderr);
      failures.push(`${pkg.name}: @arethetypeswrong/cli found problems`);
    }
  }
  console.log(`publint and attw: ${tarballs.size} packages`);

  // The strict consumer: the tarballs installed as a user's project would get them.
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  cpSync(join(here, 'consumer'), consumer, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'));
  const file = (name) => `file:${relative(consumer, tarballs.get(name))}`;
  manifest.dependencies = Object.fromEntries(
    [...tarballs.keys()].filter((n) => n.startsWith('@dlexam/')).map((n) => [n, file(n)]),
  );
  const nodeTypes = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies[
    '@types/node'
  ];
  manifest.devDependencies = { '@types/node': nodeTypes };
  // Their own @dlexam dependencies come from the same tarballs, not from the registry.
  manifest.pnpm = { overrides: manifest.dependencies };
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest, null, 2));
  const install = run(
    'pnpm',
    ['install', '--ignore-workspace', '--prefer-offline', '--config.confirmModulesPurge=false'],
    { cwd: consumer },
  );
  if (install.status !== 0) {
    failures.push(
      `consumer: pnpm install of the tarballs failed\n${install.stdout}${install.stderr}`,
    );
  } else {
    const tsc = run(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
      cwd: consumer,
    });
    if (tsc.status !== 0) {
      failures.push(`consumer: type errors with the packed packages\n${tsc.stdout}${tsc.stderr}`);
    } else console.log('consumer: type-checks against the packed packages');
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  for (const f of failures) console.error(f);
  process.exit(1);
}
console.log('fit to publish');
