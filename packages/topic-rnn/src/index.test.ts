import { describe, expect, it } from 'vitest';
import { gateProblem, generateFixture, templateJsonSchema } from '@dlexam/generator';
import * as api from './index.js';
import { checkFixtures } from '@dlexam/generator/testing';

describe('rnnTemplates', () => {
  it('holds every exported template once, with rnn ids and a JSON schema', () => {
    const exported = Object.values(api).filter(
      (x): x is (typeof api.rnnTemplates)[number] =>
        typeof x === 'object' && x !== null && 'build' in x && 'id' in x,
    );
    expect(new Set(api.rnnTemplates)).toEqual(new Set(exported));
    const ids = api.rnnTemplates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of api.rnnTemplates) {
      expect(t.id).toMatch(/^rnn\.[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.topic).toBe('rnn');
      expect(t.kinds.length).toBeGreaterThan(0);
      expect(templateJsonSchema(t)).toMatchObject({
        type: 'object',
        required: Object.keys(t.params),
      });
    }
  });

  it('covers the seed rows of this topic', () => {
    const fixtures = api.rnnTemplates.flatMap((t) => (t.fixtures ?? []).map((f) => f.id));
    for (const row of [
      'S000-rnn-step',
      'S003-gru',
      'S003-attention',
      'S003-explode-vanish',
      'S003-mc-vanishing-gradient',
      'S003-mc-rnn-property',
      'S003-mc-encoder-decoder',
    ])
      expect(fixtures).toContain(row);
  });

  it('renders every fixture, and pinning its params reproduces it exactly', () => {
    for (const t of api.rnnTemplates) checkFixtures(t);
  });

  it('renders every fixture in every kind its template supports', () => {
    for (const t of api.rnnTemplates)
      for (const f of t.fixtures ?? [])
        for (const kind of t.kinds) expect(gateProblem(generateFixture(t, f.id, kind))).toBeNull();
  });
});
