import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import Runtime from 'handlebars/runtime';
import {
  generateVariant,
  installPrecompiledText,
  precompileText,
  recordTextSources,
  renderText,
} from '@dlexam/generator';
import { sumTemplate } from '../test/sum-template.js';

// The reference: handlebars itself, with renderText's options and helper names.
const reference = Handlebars.create();
for (const name of ['int', 'fixed', 'dec', 'tex', 'matrix', 'vector', 'times', 'plural', 'eq'])
  reference.registerHelper(name, () => `<${name} helper>`);
const viaHandlebars = (source: string, data: object) =>
  reference.compile(source, { noEscape: true, strict: true, data: false })(data);

const sources = [
  'plain text, no mustache',
  'A {{a}} and {{b}}.',
  '{{a}}{{b}}{{a}}',
  '{{{a}}} is triple-stashed',
  'strip {{~a~}}   spaces \n {{b}}',
  'escaped \\{{a}} stays, {{b}} renders',
  'comment {{! gone }}here {{!-- and -- this --}}{{a}}',
  'arrays {{arr}}, objects {{obj}}, booleans {{yes}} {{no}}, null [{{nil}}], undefined [{{undef}}]',
  'numbers {{tiny}} {{neg}} {{zero}} {{big}}',
  'TeX \\({{a}} \\times {{b}}\\) and \\[ {{a}}^2 \\]',
  '{{#if yes}}block{{/if}} falls back to handlebars',
  '{{arr.length}} is a path',
  'line one\n\n{{a}}\n- {{b}}\n- item',
];
const data = {
  a: 'α&<b>',
  b: 42,
  arr: [1, 2, 3],
  obj: { x: 1 },
  yes: true,
  no: false,
  nil: null,
  undef: undefined,
  tiny: 1e-7,
  neg: -0.5,
  zero: 0,
  big: 12345678901234567890,
};

describe('renderText', () => {
  it.each(sources)('renders %j exactly as handlebars does', (source) => {
    expect(renderText(source, data)).toBe(viaHandlebars(source, data));
    // Twice: the second call takes the cached path.
    expect(renderText(source, data)).toBe(viaHandlebars(source, data));
  });

  it('leaves helper calls to handlebars, even where a variable has a helper’s name', () => {
    expect(renderText('{{int b}} items', data)).toBe('42 items');
    expect(renderText('[{{eq}}]', { eq: 'a variable' })).toBe('[false]');
  });

  it('throws handlebars’ strict error on a missing variable', () => {
    expect(() => renderText('Hello {{missing}}', { a: 1 })).toThrow(/"missing" not defined/);
  });

  it('calls a function value as handlebars does', () => {
    const withFn = { f: () => 'called' };
    expect(renderText('[{{f}}]', withFn)).toBe(viaHandlebars('[{{f}}]', withFn));
  });

  it('does not read inherited properties', () => {
    const child = Object.create({ inherited: 'no' }) as object;
    expect(renderText('[{{inherited}}]', child)).toBe('[]');
  });
});

/** A precompiled spec as a bundler would emit it: the JavaScript source, evaluated. */
const specOf = (code: string) => new Function(`return ${code};`)() as object;

describe('precompiled sources', () => {
  it.each(sources)(
    'a precompiled %j renders as handlebars does, and through its runtime alone',
    (s) => {
      // A source renderText has not compiled yet (the cache is keyed by source).
      const source = `${s} [precompiled]`;
      const { spec, pieces } = precompileText(source);
      installPrecompiledText({ [source]: { spec: specOf(spec), pieces } });
      expect(renderText(source, data)).toBe(viaHandlebars(source, data));
      expect(renderText(source, data)).toBe(viaHandlebars(source, data));
      // The spec needs no compiler: handlebars' runtime renders it (helpers registered alike).
      const runtime = Runtime.create();
      for (const name of [
        'int',
        'fixed',
        'dec',
        'tex',
        'matrix',
        'vector',
        'times',
        'plural',
        'eq',
      ])
        runtime.registerHelper(name, () => `<${name} helper>`);
      expect(runtime.template(specOf(spec) as TemplateSpecification)(data)).toBe(
        viaHandlebars(source, data),
      );
    },
  );

  it('takes an installed source from the table instead of compiling it', () => {
    const other = precompileText('from the table: {{a}}');
    installPrecompiledText({
      'never compiled: {{a}}': { spec: specOf(other.spec), pieces: null },
    });
    expect(renderText('never compiled: {{a}}', { a: 1 })).toBe('from the table: 1');
  });

  it('keeps the strict error of a precompiled source', () => {
    const source = 'Hello {{missing}} [precompiled]';
    const { spec, pieces } = precompileText(source);
    installPrecompiledText({ [source]: { spec: specOf(spec), pieces } });
    expect(() => renderText(source, { a: 1 })).toThrow(/"missing" not defined/);
  });

  it('renders a plain source installed without its spec from its pieces; its fallbacks compile', () => {
    const source = 'Plain {{a}} and {{b}} [pieces only]';
    const { pieces } = precompileText(source);
    expect(pieces).not.toBeNull();
    installPrecompiledText({ [source]: { pieces } });
    expect(renderText(source, data)).toBe(viaHandlebars(source, data));
    // A function value and a missing variable go through handlebars, compiled on demand.
    const withFn = { a: () => 'called', b: 1 };
    expect(renderText(source, withFn)).toBe(viaHandlebars(source, withFn));
    expect(() => renderText(source, { a: 1 })).toThrow(/"b" not defined/);
  });

  it('records every source a variant renders, until recording stops', () => {
    const seen = new Set<string>();
    recordTextSources((s) => seen.add(s));
    const template = sumTemplate('recorded');
    for (let seed = 0; seed < 20; seed++) generateVariant(template, String(seed));
    recordTextSources(null);
    expect([...seen].sort()).toEqual([
      'Add {{a}} and {{b}}.',
      'What is \\({{a}} + {{b}}\\)?',
      '\\({{a}} + {{b}} = {{s}}\\)',
    ]);
    generateVariant(template, 'after');
    expect(seen.size).toBe(3);
  });
});
