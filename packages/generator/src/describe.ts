import type { Json } from '@dlexam/types';
import { specToJsonSchema } from './params.js';
import type { Template } from './template.js';

/**
 * A template's parameter schema as JSON Schema (draft 2020-12), for `dlexam describe --json`. The
 * schema accepts what a pinned value may be (the **validity**); each property's `x-draw` holds its
 * **draw preferences** (range, grid, lengths of random variants) and `x-validity` the validity in
 * words. `x-constraints` lists the validity rules between parameters (what every variant, pinned or
 * drawn, meets); `x-draw-preferences` the rules only random draws meet.
 */
export function templateJsonSchema(t: Template<any>): Record<string, Json> {
  const properties: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(t.params)) properties[name] = specToJsonSchema(spec);
  const rules = t.constraints ?? [];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `dlexam:template:${t.id}`,
    title: t.title,
    description: t.objective,
    type: 'object',
    properties,
    required: Object.keys(t.params),
    additionalProperties: false,
    'x-constraints': rules.filter((c) => !c.prefer).map((c) => c.description),
    'x-draw-preferences': rules.filter((c) => c.prefer).map((c) => c.description),
  };
}
