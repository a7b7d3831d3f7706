import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import Runtime, {
  TextCompilerNeeded,
  loadTextCompiler,
  withTextCompiler,
} from './handlebars-runtime.js';

const OPTIONS = { noEscape: true, strict: true, data: false };

describe('handlebars runtime for the page (compiler on demand)', () => {
  it('runs precompiled specs, asks for the compiler for anything else, then compiles as handlebars does', async () => {
    const env = Runtime.create();
    env.registerHelper('int', (n: number) => `#${n}`);
    const source = 'Kernel {{k}}×{{k}}, {{int s}} {{#if p}}padded{{/if}}';
    const data = { k: 3, s: 2, p: true };
    const reference = Handlebars.create();
    reference.registerHelper('int', (n: number) => `#${n}`);
    const expected = reference.compile(source, OPTIONS)(data);
    // A precompiled spec needs no compiler.
    const spec = new Function(`return ${Handlebars.precompile(source, OPTIONS)};`)() as object;
    expect(env.template(spec as TemplateSpecification)(data)).toBe(expected);
    // Compiling needs it: withTextCompiler loads it and runs again.
    let calls = 0;
    const out = await withTextCompiler(() => {
      calls++;
      return env.compile(source, OPTIONS)(data);
    });
    expect(calls).toBe(2);
    expect(out).toBe(expected);
    expect(env.parse(source).body.length).toBeGreaterThan(0);
  });

  it('passes other errors on, and does not retry them', async () => {
    await loadTextCompiler();
    let calls = 0;
    await expect(
      withTextCompiler(() => {
        calls++;
        throw new Error('not about handlebars');
      }),
    ).rejects.toThrow('not about handlebars');
    expect(calls).toBe(1);
    expect(new TextCompilerNeeded()).toBeInstanceOf(Error);
  });
});
