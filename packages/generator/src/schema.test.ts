import { describe, expect, it } from 'vitest';
import {
  defineTemplate,
  generateVariant,
  intIn,
  listOf,
  record,
  schemaProblem,
  templateJsonSchema,
  type JsonSchema,
} from '@dlexam/generator';

const layer: JsonSchema = {
  oneOf: [
    record({ type: { const: 'linear' }, in: intIn(1, 8), bias: { type: 'boolean' } }),
    record({ type: { const: 'act' }, name: { enum: ['ReLU', 'Tanh'] } }),
  ],
};
const layers = listOf(layer, 1, 3);

describe('schemaProblem', () => {
  it('accepts values of the declared shape', () => {
    expect(
      schemaProblem(layers, [
        { type: 'linear', in: 3, bias: false },
        { type: 'act', name: 'ReLU' },
      ]),
    ).toBeNull();
  });

  it('names the element at fault and what is allowed', () => {
    expect(schemaProblem(layers, [{ type: 'linear', in: 3, bias: false }, null])).toEqual({
      path: '[1]',
      message: 'expected an object, got null',
    });
    expect(schemaProblem(layers, [{ type: 'lin' }])).toEqual({
      path: '[0].type',
      message: 'expected one of "linear", "act", got "lin"',
    });
    expect(schemaProblem(layers, [{ type: 'linear', bias: true }])).toEqual({
      path: '[0].in',
      message: 'missing; expected an integer from 1 to 8',
    });
    expect(schemaProblem(layers, [{ type: 'linear', in: 9, bias: true }])?.message).toBe(
      'expected an integer from 1 to 8, got 9',
    );
    expect(schemaProblem(layers, [{ type: 'act', name: 'ReLU', extra: 1 }])).toEqual({
      path: '[0].extra',
      message: 'unknown field; allowed: type, name',
    });
    expect(schemaProblem(layers, [])?.message).toBe(
      'expected a list of 1–3 items, got a list of 0',
    );
    expect(schemaProblem(layers, 'x')?.message).toBe('expected a list, got "x"');
  });

  it('walks the schema, not the value: deep nesting costs nothing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(schemaProblem(layers, [deep])).toEqual({
      path: '[0]',
      message: 'expected an object, got a list of 1',
    });
  });

  it('ignores inherited names: constructor is no field', () => {
    expect(
      schemaProblem(record({ a: intIn(0, 1) }), JSON.parse('{"constructor": 1, "a": 0}')),
    ).toEqual({ path: '.constructor', message: 'unknown field; allowed: a' });
  });
});

describe('structured parameters of a template', () => {
  const t = defineTemplate<{ [k: string]: any; layers: any }>({
    id: 'test.layers',
    topic: 'foundations',
    title: 'Layers',
    objective: 'Count layers.',
    difficulty: 1,
    tags: [],
    kinds: ['numeric'],
    params: {
      layers: { type: 'json', description: 'layers', example: [], schema: layers },
    },
    constraints: [
      { description: 'a Linear layer first', check: (p) => p.layers[0].type === 'linear' },
    ],
    sample: () => ({ layers: [{ type: 'linear', in: 2, bias: true }] }),
    build: (p) => ({
      stem: 'How many layers?',
      solution: `${p.layers.length}.`,
      answer: { type: 'numeric', value: p.layers.length, decimals: 0, distractors: [] },
    }),
  });

  it('refuses a pinned value element by element, before any constraint runs', () => {
    expect(() => generateVariant(t, 1, { pins: { layers: [null] } })).toThrow(
      'params.layers[0]: expected an object, got null',
    );
    expect(() => generateVariant(t, 1, { narrow: { layers: [{ type: 'act' }] } })).toThrow(
      'params.layers[0].name: missing; expected one of "ReLU", "Tanh"',
    );
  });

  it('refuses inherited names as parameters', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty'])
      expect(() => generateVariant(t, 1, { pins: { [name]: 1 } })).toThrow(
        `params.${name}: template test.layers has no parameter '${name}'`,
      );
  });

  it('publishes the schema in describe --json', () => {
    expect(templateJsonSchema(t).properties).toMatchObject({
      layers: { type: 'array', minItems: 1, maxItems: 3, description: 'layers' },
    });
  });
});
