import {
  DlexamError,
  TemplateRegistry,
  installPrecompiledText,
  type PrecompiledText,
  type AnyTemplate,
} from '@dlexam/generator';
import { TOPICS, type Topic } from '@dlexam/types';
import { ownTemplates, ready } from './own-templates.js';

/** A topic's templates, once its question text (precompiled at build time) is installed. */
const withStems = (
  templates: Promise<AnyTemplate[]>,
  stems: Promise<{ default: Record<string, PrecompiledText> }>,
): Promise<AnyTemplate[]> =>
  Promise.all([templates, stems]).then(([t, s]) => (installPrecompiledText(s.default), t));

/**
 * The topic packages, each loaded on first use so the first page stays small (every topic is a
 * separate chunk, with its precompiled question text, `stems-plugin.ts`). The web app composes the
 * same packages as the CLI.
 */
const LOADERS: Record<Topic, () => Promise<AnyTemplate[]>> = {
  foundations: () =>
    withStems(
      import('@dlexam/topic-foundations').then((m) => m.foundationsTemplates),
      import('virtual:dlexam-stems/foundations'),
    ),
  cnn: () =>
    withStems(
      import('@dlexam/topic-cnn').then((m) => m.cnnTemplates),
      import('virtual:dlexam-stems/cnn'),
    ),
  rnn: () =>
    withStems(
      import('@dlexam/topic-rnn').then((m) => m.rnnTemplates),
      import('virtual:dlexam-stems/rnn'),
    ),
  regularization: () =>
    withStems(
      import('@dlexam/topic-regularization').then((m) => m.regularizationTemplates),
      import('virtual:dlexam-stems/regularization'),
    ),
  optimization: () =>
    withStems(
      import('@dlexam/topic-optimization').then((m) => m.optimizationTemplates),
      import('virtual:dlexam-stems/optimization'),
    ),
};

export const TOPIC_ORDER: readonly Topic[] = [
  'foundations',
  'cnn',
  'rnn',
  'regularization',
  'optimization',
];

const loaded = new Map<Topic, Promise<AnyTemplate[]>>();

function loadBuiltin(topic: Topic): Promise<AnyTemplate[]> {
  let p = loaded.get(topic);
  if (!p) {
    p = LOADERS[topic]();
    loaded.set(topic, p);
  }
  return p;
}

/** The registry of some topics (all by default), for generation and lookup. */
export async function loadRegistry(
  topics: readonly Topic[] = TOPIC_ORDER,
): Promise<TemplateRegistry> {
  const [lists] = await Promise.all([Promise.all(topics.map(loadBuiltin)), ready()]);
  return new TemplateRegistry(
    lists.flat(),
    ownTemplates().filter((t) => topics.includes(t.topic)),
  );
}

/**
 * The topic of a template id (`cnn.conv-output-size` → `cnn`; an own template's from the template,
 * once `ready()`), or a DlexamError.
 */
export function topicOfId(id: string): Topic {
  const own = ownTemplates().find((x) => x.id === id);
  if (own) return own.topic;
  const t = id.split('.')[0] as Topic;
  if (!TOPICS.includes(t))
    throw new DlexamError(
      `unknown template '${id}': ids start with a topic (${TOPICS.join(', ')})`,
    );
  return t;
}
