import Runtime from 'handlebars/runtime';

/**
 * What the generator's question-text module (`text.ts`) gets for `import Handlebars from
 * 'handlebars'` in this app's page bundle (`stems-plugin.ts`): handlebars' runtime, without its
 * parser, compiler and the source-map package they bring (about 27 KB of gzip JavaScript off the
 * first load). Every question-text source the built-in templates render comes precompiled with its
 * topic's chunk (`installPrecompiledText`); one that does not (an instructor's own template, a
 * wording the build's collection never met) needs the compiler: `loadTextCompiler()` fetches it,
 * and until then compiling throws `TextCompilerNeeded` (`withTextCompiler` retries after loading).
 */

type Full = typeof import('handlebars');
// The compiler's classes, public on the full build though its typings do not name them.
type FullCompiler = Full & {
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): object;
  };
};

let compiler: FullCompiler | null = null;
let loading: Promise<void> | null = null;

/** Thrown when a source that did not come precompiled is compiled before `loadTextCompiler()`. */
export class TextCompilerNeeded extends Error {
  constructor() {
    super('this question text was not precompiled: the handlebars compiler is loading');
    this.name = 'TextCompilerNeeded';
  }
}

/** Loads handlebars' compiler (once); sources that were not precompiled compile from then on. */
export function loadTextCompiler(): Promise<void> {
  loading ??= import('handlebars').then((m) => {
    compiler = ((m as unknown as { default?: Full }).default ?? m) as FullCompiler;
  });
  return loading;
}

/** Runs `fn`; if it needed the compiler, loads it and runs `fn` again (generation is pure). */
export async function withTextCompiler<T>(fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof TextCompilerNeeded)) throw e;
    await loadTextCompiler();
    return fn();
  }
}

function need(): FullCompiler {
  if (!compiler) {
    void loadTextCompiler();
    throw new TextCompilerNeeded();
  }
  return compiler;
}

/** A runtime environment whose parse/compile/precompile use the compiler once it is loaded. */
function create(): Full {
  const env = Runtime.create() as unknown as Full;
  env.parse = ((input: string, options?: object) => need().parse(input, options)) as Full['parse'];
  env.precompile = ((input: string, options?: object) =>
    need().precompile(input, options)) as Full['precompile'];
  // handlebars' own compile (compiler.js), eager: parse, compile, JavaScript spec, runtime template.
  env.compile = ((input: string, options: Record<string, unknown> = {}) => {
    const full = need();
    const opts: Record<string, unknown> = { ...options };
    if (!('data' in opts)) opts.data = true;
    if (opts.compat) opts.useDepths = true;
    const environment = new full.Compiler().compile(full.parse(input, opts), opts);
    const spec = new full.JavaScriptCompiler().compile(environment, opts, undefined, true);
    return env.template(spec as TemplateSpecification);
  }) as Full['compile'];
  return env;
}

export default { create };
