import type { AnyTemplate } from '@dlexam/generator';
import type { Topic } from '@dlexam/types';

/** Each topic's templates, loaded on demand: a command about one template loads one topic. */
const TOPIC_TEMPLATES: Record<Topic, () => Promise<readonly AnyTemplate[]>> = {
  foundations: async () => (await import('@dlexam/topic-foundations')).foundationsTemplates,
  cnn: async () => (await import('@dlexam/topic-cnn')).cnnTemplates,
  rnn: async () => (await import('@dlexam/topic-rnn')).rnnTemplates,
  regularization: async () =>
    (await import('@dlexam/topic-regularization')).regularizationTemplates,
  optimization: async () => (await import('@dlexam/topic-optimization')).optimizationTemplates,
};

/**
 * The template `id` names, loading only its topic's package (ids are `<topic>.<name>`); an id
 * that is not there gets the full registry's error, with its suggestions.
 */
export async function templateById(id: string, at: string): Promise<AnyTemplate> {
  const topic = id.slice(0, id.indexOf('.'));
  if (Object.hasOwn(TOPIC_TEMPLATES, topic)) {
    const t = (await TOPIC_TEMPLATES[topic as Topic]()).find((x) => x.id === id);
    if (t) return t;
  }
  const { registry } = await import('./catalog.js');
  return registry.get(id, at);
}
