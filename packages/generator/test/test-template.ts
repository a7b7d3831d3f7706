import { defineTemplate, type Params, type Template } from '@dlexam/generator';
import type { Topic } from '@dlexam/types';

/**
 * A template of the generator's tests: difficulty 1, tagged `test`, in the topic its id names
 * (`foundations.test-sum`); the fields given complete it.
 */
export function testTemplate<P extends Params>(
  t: Omit<Template<P>, 'topic' | 'difficulty' | 'tags'>,
): Template<P> {
  const { id, title, objective, ...rest } = t;
  const topic = id.slice(0, id.indexOf('.')) as Topic;
  return defineTemplate<P>({ id, topic, title, objective, difficulty: 1, tags: ['test'], ...rest });
}
