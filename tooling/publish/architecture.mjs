#!/usr/bin/env node
// `pnpm check:architecture`: does the README's package table say what the code does? Checks that
// (1) every workspace package has a row whose "depends on" column is exactly its `@dlexam/`
// dependencies in package.json; (2) dependencies point one way, down the layers the README names
// (apps → exporters/topics/analysis → generator → math core and leaves), so there is no cycle;
// (3) every `@dlexam/` import in a package's sources (tests aside) is a declared dependency; and
// (4) an exporter takes from the generator only its grading model (`@dlexam/generator/grading`); and
// (5) every template follows the naming convention of the README's "Adding a template".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Layer of each package (a dependency must sit in a lower layer). */
function layerOf(dir) {
  const name = dir.split('/')[1];
  if (dir.startsWith('tooling/')) return 0;
  if (['types', 'math', 'markup', 'svg-check'].includes(name)) return 0;
  if (name === 'generator') return 1;
  if (name.startsWith('topic-') || name.startsWith('export-') || name === 'analyze') return 2;
  if (name === 'grading-contract') return 3;
  if (dir.startsWith('apps/')) return 4;
  return undefined;
}

const workspace = [];
for (const group of ['tooling', 'packages', 'apps'])
  for (const name of readdirSync(join(root, group)).sort()) {
    const dir = `${group}/${name}`;
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const runtime = { ...pkg.dependencies, ...pkg.peerDependencies };
    const deps = Object.keys(runtime)
      .filter((d) => d.startsWith('@dlexam/'))
      .map((d) => d.slice('@dlexam/'.length))
      .sort();
    // Bundled apps may take a workspace package as a dev dependency (the CLI bundles @dlexam/*).
    const devDeps = Object.keys(pkg.devDependencies ?? {})
      .filter((d) => d.startsWith('@dlexam/'))
      .map((d) => d.slice('@dlexam/'.length));
    workspace.push({ dir, name: pkg.name, deps, devDeps });
  }
const byShortName = new Map(
  workspace.filter((w) => w.name.startsWith('@dlexam/')).map((w) => [w.name.slice(8), w]),
);
const topics = [...byShortName.keys()].filter((n) => n.startsWith('topic-')).sort();

const problems = [];

// (1) The README's table.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('\n## Packages\n'),
  readme.indexOf('\n## ', readme.indexOf('\n## Packages\n') + 5),
);
const rows = new Map();
for (const line of section.split('\n')) {
  const m = /^\| `([^`]+)`\s*\|[^|]*\|([^|]*)\|$/.exec(line);
  if (!m) continue;
  const cells = [...m[2].matchAll(/`([^`]+)`/g)].map((x) => x[1]);
  rows.set(m[1], cells.flatMap((c) => (c === 'topic-*' ? topics : [c])).sort());
}
for (const w of workspace) {
  const said = rows.get(w.dir);
  if (!said) problems.push(`README.md ## Packages: no row for \`${w.dir}\``);
  else if (said.join(',') !== w.deps.join(','))
    problems.push(
      `README.md ## Packages: \`${w.dir}\` depends on ${w.deps.join(', ') || 'nothing'}, the table says ${said.join(', ') || '—'}`,
    );
  rows.delete(w.dir);
}
for (const dir of rows.keys())
  problems.push(`README.md ## Packages: row \`${dir}\` names no package`);

// (2) Layers.
for (const w of workspace) {
  const own = layerOf(w.dir);
  if (own === undefined) {
    problems.push(`${w.dir}: in no layer (tooling/publish/architecture.mjs layerOf)`);
    continue;
  }
  for (const d of w.deps) {
    const dep = byShortName.get(d);
    const theirs = dep && layerOf(dep.dir);
    if (theirs === undefined || theirs >= own)
      problems.push(`${w.dir} depends on ${d}, which is not in a lower layer`);
  }
}

// Tests may use a package of the same layer (an exporter's tests use real templates), but the
// graph with dev dependencies must still have no cycle (turbo builds in its order).
{
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      problems.push(`dependency cycle: ${[...path, name].join(' → ')}`);
      return;
    }
    state.set(name, 'open');
    const w = byShortName.get(name);
    for (const d of w ? [...w.deps, ...w.devDeps] : [])
      if (!byShortName.get(d)?.dir.startsWith('tooling/')) visit(d, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of byShortName.keys()) visit(name, []);
}

// (3) and (4) Imports in sources.
function sources(dir) {
  const out = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (f !== 'node_modules' && f !== 'dist') walk(p);
      } else if (/\.(ts|tsx|mts)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
        out.push(p);
    }
  };
  try {
    walk(join(root, dir, 'src'));
  } catch {
    // no src folder (configs)
  }
  return out;
}
for (const w of workspace) {
  const exporter = /^packages\/export-/.test(w.dir);
  for (const file of sources(w.dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)'@dlexam\/([\w-]+)(\/[\w-]+)?'/g)) {
      const rel = file.slice(root.length + 1);
      if (m[1] !== w.name.slice(8) && !w.deps.includes(m[1]) && !w.devDeps.includes(m[1]))
        problems.push(`${rel} imports @dlexam/${m[1]}, not a dependency of ${w.name}`);
      if (exporter && m[1] === 'generator' && m[2] !== '/grading')
        problems.push(
          `${rel} imports @dlexam/${m[1]}${m[2] ?? ''}: exporters take only @dlexam/generator/grading`,
        );
    }
  }
}

// (5) Template names ("Adding a template"): the export is the camelCase of the id's name, with
// `Template` appended where that name is taken (the math core's function, or the topic's own answer
// helper such as topic-cnn's `samePadding(params)`), so a file can use both; the
// parameter type, where one is named, is its PascalCase plus `Params`; the topic's helper module
// is `src/shared.ts`.
const mathIndex = readFileSync(join(root, 'packages/math/src/index.ts'), 'utf8');
const mathExports = new Set([
  ...[...mathIndex.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
    m[1]
      .split(',')
      .map((x) =>
        x
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop(),
      )
      .filter(Boolean),
  ),
  ...[...mathIndex.matchAll(/export\s+(?:function|const|class)\s+(\w+)/g)].map((m) => m[1]),
]);
const declaration =
  /export const (\w+) =\s*(?:\w+\(\s*)?\w+(?:<(\w+)>)?\(\{\s*id: '([a-z]+)\.([a-z0-9-]+)'/g;
let templatesNamed = 0;
for (const topic of topics) {
  const dir = join(root, 'packages', topic, 'src');
  // The topic's other exports (answer helpers, figures): everything exported but the templates.
  const texts = sources(`packages/${topic}`).map((file) => readFileSync(file, 'utf8'));
  const templateNames = new Set(
    texts.flatMap((text) => [...text.matchAll(declaration)].map((m) => m[1])),
  );
  const helpers = new Set(
    texts
      .flatMap((text) => [...text.matchAll(/export (?:const|function) (\w+)/g)].map((m) => m[1]))
      .filter((name) => !templateNames.has(name)),
  );
  for (const helper of ['common.ts', 'util.ts', 'utils.ts', 'helpers.ts'])
    if (existsSync(join(dir, helper)))
      problems.push(
        `packages/${topic}/src/${helper}: a topic's shared helpers live in src/shared.ts`,
      );
  const templatesDir = join(dir, 'templates');
  for (const f of readdirSync(templatesDir).filter((f) => /(?<!\.test)\.ts$/.test(f))) {
    const text = readFileSync(join(templatesDir, f), 'utf8');
    const rel = `packages/${topic}/src/templates/${f}`;
    const ids = [...text.matchAll(/\bid: '([a-z]+)\.[a-z0-9-]+'/g)].length;
    let named = 0;
    for (const [, name, type, , id] of text.matchAll(declaration)) {
      named++;
      const camel = id.replace(/-(\w)/g, (_, c) => c.toUpperCase());
      const want = mathExports.has(camel) || helpers.has(camel) ? `${camel}Template` : camel;
      if (name !== want)
        problems.push(`${rel}: the template ${id} is exported as ${name}, not ${want}`);
      const params = `${camel[0].toUpperCase()}${camel.slice(1)}Params`;
      if (type?.endsWith('Params') && type !== params)
        problems.push(`${rel}: the parameters of ${id} are typed ${type}, not ${params}`);
    }
    if (named !== ids)
      problems.push(
        `${rel}: ${ids} template ids but ${named} \`export const <name> = define…({ id: … })\` declarations`,
      );
    templatesNamed += named;
  }
}

if (problems.length) {
  for (const p of problems) console.error(`check:architecture: ${p}`);
  process.exit(1);
}
console.log(
  `check:architecture: ${workspace.length} packages match the README's table; dependencies point one way; ${templatesNamed} templates named as "Adding a template" says`,
);
