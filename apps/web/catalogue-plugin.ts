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

export async function buildCatalogue(): Promise<CatalogueTemplate[]> {
  const lists = await Promise.all([
    import('@dlexam/topic-foundations').then((m) => m.foundationsTemplates),
    import('@dlexam/topic-cnn').then((m) => m.cnnTemplates),
    import('@dlexam/topic-rnn').then((m) => m.rnnTemplates),
    import('@dlexam/topic-regularization').then((m) => m.regularizationTemplates),
    import('@dlexam/topic-optimization').then((m) => m.optimizationTemplates),
  ]);
  return lists.flat().map((t) => ({
    id: t.id,
    topic: t.topic,
    title: t.title,
    difficulty: t.difficulty,
    kinds: [...t.kinds],
  }));
}

export function templateCatalogue(): Plugin {
  const resolved = `\0${CATALOGUE_ID}`;
  return {
    name: 'dlexam-catalogue',
    resolveId: (id) => (id === CATALOGUE_ID ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      return `export default ${JSON.stringify(await buildCatalogue())};`;
    },
  };
}
