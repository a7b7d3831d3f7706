import { DlexamError, TemplateRegistry, type Template } from '@dlexam/generator';
import { TOPICS, type Topic } from '@dlexam/types';
import { ownTemplates, ready } from './own-templates.js';

/**
 * The topic packages, each loaded on first use so the first page stays small (every topic is a
 * separate chunk). The web app composes the same packages as the CLI.
 */
const LOADERS: Record<Topic, () => Promise<Template<any>[]>> = {
  foundations: () => import('@dlexam/topic-foundations').then((m) => m.foundationsTemplates),
  cnn: () => import('@dlexam/topic-cnn').then((m) => m.cnnTemplates),
  rnn: () => import('@dlexam/topic-rnn').then((m) => m.rnnTemplates),
  regularization: () =>
    import('@dlexam/topic-regularization').then((m) => m.regularizationTemplates),
  optimization: () => import('@dlexam/topic-optimization').then((m) => m.optimizationTemplates),
};

export const TOPIC_ORDER: readonly Topic[] = [
  'foundations',
  'cnn',
  'rnn',
  'regularization',
  'optimization',
];

const loaded = new Map<Topic, Promise<Template<any>[]>>();

function loadBuiltin(topic: Topic): Promise<Template<any>[]> {
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
