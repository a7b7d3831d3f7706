import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;
import { TOPIC_PACKAGES, catalogueOf } from './catalogue-plugin.js';

/**
 * The first question's topic chunk, fetched alongside the entry instead of after it. A small inline
 * script in `index.html` runs before the entry: on `/` (coach off) it draws the practice seed the
 * entry will use (`window.__dlexamFirstSeed`, read by `drawFirstQuestion` in `practice.ts`) and
 * finds its template's topic as `nextTarget` will (seed digits 1–8 modulo the catalogue's length);
 * on a `#/practice/<topic>.<name>` link the topic is in the address. It then adds `modulepreload`
 * links for that topic's chunk and the chunks it imports. A wrong guess costs a download, never a
 * wrong question: the entry chooses the question itself. The app's stylesheet is inlined too.
 */

const TOPICS = TOPIC_PACKAGES.map(([pkg]) => pkg.replace('@dlexam/topic-', ''));

/** The chunk files a topic's chunk needs besides the entry, the topic's own first. */
function topicFiles(bundle: OutputBundle, topic: string): string[] {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  const own = chunks.find((c) => c.name === topic && !c.isEntry);
  if (!own) return [];
  const files: string[] = [];
  const visit = (c: OutputChunk) => {
    if (c.isEntry || files.includes(c.fileName)) return;
    files.push(c.fileName);
    for (const f of c.imports) {
      const next = bundle[f];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(own);
  return files;
}

export function firstQuestionPreload(): Plugin {
  let root = process.cwd();
  return {
    name: 'dlexam-first-question',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return { html, tags: [] };
        // The app's own stylesheet (7 KB) inline: a stylesheet holds back the entry's execution
        // until it has arrived, one more round trip before the first question.
        html = html.replace(
          /<link rel="stylesheet"[^>]*href="\.\/(assets\/index-[^"]+\.css)"[^>]*>/,
          (tag, file: string) => {
            const css = ctx.bundle![file];
            return css?.type === 'asset' ? `<style>${String(css.source)}</style>` : tag;
          },
        );
        const files = Object.fromEntries(TOPICS.map((t) => [t, topicFiles(ctx.bundle!, t)]));
        const catalogue = catalogueOf(root);
        // One letter per catalogue entry: the index of its topic.
        const order = catalogue.map((t) => TOPICS.indexOf(t.topic)).join('');
        const script = `(function () {
  try {
    var topics = ${JSON.stringify(TOPICS)}, files = ${JSON.stringify(files)}, order = ${JSON.stringify(order)};
    var parts = location.hash.replace(/^#/, '').split('?')[0].split('/').filter(Boolean);
    var topic = null;
    if (parts[0] === 'practice' && parts[1]) topic = decodeURIComponent(parts[1]).split('.')[0];
    else if (['builder', 'analyze', 'templates', 'progress'].indexOf(parts[0]) < 0) {
      if (localStorage.getItem('dlexam.coach') === '1') return;
      var bytes = crypto.getRandomValues(new Uint8Array(5)), seed = 'p';
      for (var i = 0; i < 5; i++) seed += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      window.__dlexamFirstSeed = seed;
      topic = topics[+order[parseInt(seed.slice(1, 9), 16) % order.length]];
    }
    (files[topic] || []).forEach(function (f) {
      var link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = './' + f;
      document.head.appendChild(link);
    });
  } catch (e) {}
})();`;
        return { html, tags: [{ tag: 'script', children: script, injectTo: 'head-prepend' }] };
      },
    },
  };
}
