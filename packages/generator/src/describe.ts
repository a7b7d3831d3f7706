import type { Json } from '@dlexam/types';
import { specToJsonSchema } from './params.js';
import type { AnyTemplate } from './template.js';

/** A template's parameter schema as JSON Schema (draft 2020-12), for `dlexam describe --json`. */
export function templateJsonSchema(t: AnyTemplate): Record<string, Json> {
  const properties: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(t.params)) properties[name] = specToJsonSchema(spec);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `dlexam:template:${t.id}`,
    title: t.title,
    description: t.objective,
    type: 'object',
    properties,
    required: Object.keys(t.params),
    additionalProperties: false,
    'x-constraints': (t.constraints ?? []).map((c) => c.description),
  };
}
