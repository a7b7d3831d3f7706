import { TOPICS, type Topic } from '@dlexam/types';
import { DlexamError } from './errors.js';
import type { AnyTemplate } from './template.js';

const ID = /^[a-z][a-z0-9]*(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** Whether `id` is a dotted kebab-case id (`myclass.loss-curve`). */
export const isTemplateId = (id: string): boolean => ID.test(id);

/**
 * Why `id` cannot name an instructor's template, or null: it must be dotted kebab-case and start
 * with a namespace of its own, not one of dlexam's topics (those ids are dlexam's).
 */
export function namespaceProblem(id: string): string | null {
  if (!ID.test(id))
    return `template id '${id}' is not a namespaced kebab-case id such as 'myclass.loss-curve'`;
  const ns = id.split('.')[0]!;
  if ((TOPICS as readonly string[]).includes(ns))
    return `template id '${id}' uses dlexam's namespace '${ns}'; start your ids with your own (e.g. 'myclass.${id.slice(ns.length + 1)}')`;
  return null;
}

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

/** The set of templates an app works with: lookup by id with helpful errors, by topic. */
export class TemplateRegistry {
  private readonly byId = new Map<string, AnyTemplate>();

  /**
   * `templates` are dlexam's own: each id starts with its topic (`cnn.conv-params`). `external` ones
   * (an instructor's, see `templatesOfModule`) have a namespace of their own instead
   * (`myclass.loss-curve`): never a topic's, so no built-in id can clash with them.
   */
  constructor(templates: readonly AnyTemplate[], external: readonly AnyTemplate[] = []) {
    for (const t of templates) {
      if (!t.id.startsWith(`${t.topic}.`))
        throw new Error(`template id '${t.id}' must start with its topic '${t.topic}.'`);
      this.add(t);
    }
    for (const t of external) {
      const problem = namespaceProblem(t.id);
      if (problem) throw new DlexamError(problem);
      this.add(t);
    }
  }

  private add(t: AnyTemplate): void {
    if (!ID.test(t.id)) throw new Error(`template id '${t.id}' is not a dotted kebab-case id`);
    if (this.byId.has(t.id)) throw new DlexamError(`duplicate template id '${t.id}'`);
    if (!t.kinds.length) throw new Error(`template '${t.id}' supports no kind`);
    this.byId.set(t.id, t);
  }

  list(): AnyTemplate[] {
    return [...this.byId.values()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string, at = 'template'): AnyTemplate {
    const t = this.byId.get(id);
    if (t) return t;
    const near = this.list()
      .map((x) => [x.id, distance(id, x.id)] as const)
      .filter(([x, d]) => d <= Math.max(3, id.length / 3) || x.includes(id))
      .sort((a, b) => a[1] - b[1])
      .slice(0, 3)
      .map(([x]) => x);
    throw new DlexamError(
      `unknown template '${id}'${near.length ? `; did you mean ${near.join(', ')}?` : ''} (run 'dlexam list' for all ids)`,
      at,
    );
  }

  byTopic(topic: Topic): AnyTemplate[] {
    return this.list().filter((t) => t.topic === topic);
  }

  topics(): Topic[] {
    return [...new Set(this.list().map((t) => t.topic))];
  }
}
