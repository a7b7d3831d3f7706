import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { TOPIC_PACKAGES } from './catalogue-plugin.js';

/**
 * Precompiled question text. The generator renders stems and solutions from handlebars sources
 * (`renderText`); compiling them in the browser needs handlebars' parser and compiler (and the
 * source-map package they pull in), a third of the first load. So when the site is built:
 *
 * - every source each topic's templates render is collected (the generator's `collectTextSources`:
 *   each template × kind over fresh seeds until 80 in a row bring no new source) and precompiled by handlebars with the
 *   generator's own options (`precompileText`); `virtual:dlexam-stems/<topic>` holds that topic's
 *   table, loaded with its topic chunk and installed with `installPrecompiledText` (`catalog.ts`);
 * - in the page bundle (not the workers) the generator's `text.ts` gets handlebars' runtime only
 *   (`src/handlebars-runtime.ts`), which loads the compiler on demand for a source the table lacks.
 */

const STEMS_PREFIX = 'virtual:dlexam-stems/';

/** A topic's table: source → handlebars' spec as JavaScript source, and the plain pieces. */
type Stems = Record<string, { spec: string; pieces: string[] | null }>;

/**
 * Collects and precompiles in a Node process of its own from the app's folder, so the built packages
 * load exactly as the CLI runs them (as `catalogue-plugin.ts` reads the catalogue).
 */
function collectStems(root: string): Promise<Record<string, Stems>> {
  const script = `
    const { collectTextSources, precompileText } = await import('@dlexam/generator');
    const out = {};
    for (const [pkg, name] of ${JSON.stringify(TOPIC_PACKAGES)}) {
      const templates = (await import(pkg))[name];
      const topic = templates[0]?.topic ?? pkg.replace('@dlexam/topic-', '');
      out[topic] = Object.fromEntries(collectTextSources(templates).map((s) => [s, precompileText(s)]));
    }
    process.stdout.write(JSON.stringify(out));`;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) =>
        err
          ? reject(new Error(`collecting the question-text sources failed: ${err.message}`))
          : resolve(JSON.parse(stdout) as Record<string, Stems>),
    ),
  );
}

/**
 * The module of a topic's table: each spec inlined as the object literal handlebars emitted. A
 * plain source (text and `{{name}}`s, most of them) ships its pieces only: `renderText` joins them,
 * and compiles the source only in handlebars' own corner cases (a missing name, a function value),
 * which bring the compiler (`handlebars-runtime.ts`). That halves a topic chunk's table.
 */
export function stemsModule(stems: Stems): string {
  const entries = Object.entries(stems).map(([source, { spec, pieces }]) =>
    pieces
      ? `${JSON.stringify(source)}: { pieces: ${JSON.stringify(pieces)} }`
      : `${JSON.stringify(source)}: { spec: ${spec}, pieces: null }`,
  );
  return `export default {\n${entries.join(',\n')}\n};\n`;
}

const RUNTIME = fileURLToPath(new URL('./src/handlebars-runtime.ts', import.meta.url));
/** The generator's question-text module, as source (the app resolves the `source` condition) or built. */
const TEXT_MODULE = /[\\/]generator[\\/](src[\\/]text\.ts|dist[\\/]index\.js)$/;

/** One collection per app folder, shared by the page's build and the workers' builds. */
const collections = new Map<string, Promise<Record<string, Stems>>>();

export function precompiledStems({ runtimeOnly }: { runtimeOnly: boolean }): Plugin {
  let root = process.cwd();
  return {
    name: 'dlexam-stems',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    resolveId(id, importer) {
      if (id.startsWith(STEMS_PREFIX)) return `\0${id}`;
      if (runtimeOnly && id === 'handlebars' && importer && TEXT_MODULE.test(importer))
        return RUNTIME;
      return null;
    },
    async load(id) {
      if (!id.startsWith(`\0${STEMS_PREFIX}`)) return null;
      // One collection for every topic, started by the first topic asked for.
      let stems = collections.get(root);
      if (!stems) collections.set(root, (stems = collectStems(root)));
      const topic = id.slice(STEMS_PREFIX.length + 1);
      const table = (await stems)[topic];
      if (!table) throw new Error(`no question-text sources for topic '${topic}'`);
      return stemsModule(table);
    },
  };
}
