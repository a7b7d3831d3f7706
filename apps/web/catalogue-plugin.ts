import { execFileSync } from 'node:child_process';
import type { Plugin } from 'vite';

/**
 * `virtual:dlexam-catalogue`: the list of every template (id, topic, title, difficulty, kinds),
 * generated from the topic packages' template arrays when the site is built, so the practice page
 * can name every template (menus, the coach) before it loads a single topic chunk. A template added
 * to a topic's array appears here at the next build.
 */
export interface CatalogueTemplate {
  id: string;
  topic: string;
  title: string;
  difficulty: number;
  kinds: string[];
}

export const CATALOGUE_ID = 'virtual:dlexam-catalogue';

/** The topic packages and their template arrays, in the app's topic order. */
export const TOPIC_PACKAGES: [string, string][] = [
  ['@dlexam/topic-foundations', 'foundationsTemplates'],
  ['@dlexam/topic-cnn', 'cnnTemplates'],
  ['@dlexam/topic-rnn', 'rnnTemplates'],
  ['@dlexam/topic-regularization', 'regularizationTemplates'],
  ['@dlexam/topic-optimization', 'optimizationTemplates'],
];

/**
 * Read in a separate Node process from the app's folder, so the built packages load exactly as the
 * CLI runs them (a test runner's own module resolution points at the TypeScript sources).
 */
const built = new Map<string, CatalogueTemplate[]>();

/** The catalogue of the app folder, read once per build (the page's and its HTML's plugins). */
export function catalogueOf(root: string): CatalogueTemplate[] {
  let c = built.get(root);
  if (!c) built.set(root, (c = buildCatalogue(root)));
  return c;
}

export function buildCatalogue(root: string): CatalogueTemplate[] {
  const script = `
    const lists = await Promise.all(${JSON.stringify(TOPIC_PACKAGES)}.map(
      async ([pkg, name]) => (await import(pkg))[name]));
    process.stdout.write(JSON.stringify(lists.flat().map((t) => ({
      id: t.id, topic: t.topic, title: t.title, difficulty: t.difficulty, kinds: [...t.kinds],
    }))));`;
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as CatalogueTemplate[];
}
export function templateCatalogue(): Plugin {
  const resolved = `\0${CATALOGUE_ID}`;
  let root = process.cwd();
  return {
    name: 'dlexam-catalogue',
    configResolved(config) {
      root = config.root;
    },
    resolveId: (id) => (id === CATALOGUE_ID ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      return `export default ${JSON.stringify(catalogueOf(root))};`;
    },
  };
}
