import Handlebars from 'handlebars';
import {
  formatDecimal,
  formatFixed,
  formatInt,
  texMatrix,
  texNumber,
  texVector,
} from '@dlexam/math';

/**
 * The handlebars instance for question text. `noEscape`: output is rich text, not HTML; exporters
 * escape it for their format. Helpers format numbers deterministically through the math core.
 */
const hb = Handlebars.create();

hb.registerHelper('int', (n: number) => formatInt(n));
hb.registerHelper('fixed', (x: number, d: number) => formatFixed(x, d));
hb.registerHelper('dec', (x: number, d: number) => formatDecimal(x, typeof d === 'number' ? d : 4));
hb.registerHelper('tex', (x: number) => texNumber(x));
hb.registerHelper('matrix', (m: number[][]) => texMatrix(m));
hb.registerHelper('vector', (v: number[]) => texVector(v));
hb.registerHelper('times', (a: number, b: number) => `${formatInt(a)} \\times ${formatInt(b)}`);
hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);

/**
 * A source compiled once. Most sources are plain text with `{{name}}` substitutions: for those,
 * handlebars' own parser (whitespace control and escapes applied) gives the pieces, and rendering is
 * a join with handlebars' strict semantics. That costs a tenth of a call into handlebars' runtime,
 * which sets up merged helpers and prototype access checks on every call. Anything richer
 * (helpers, blocks, paths, a name that is also a helper) runs through handlebars itself.
 */
interface CompiledText {
  /** Literal strings at even indexes, variable names at odd ones; null when not plain. */
  pieces: string[] | null;
  render: HandlebarsTemplateDelegate;
}

/** handlebars' options for question text; precompiled sources use the same. */
const OPTIONS = { noEscape: true, strict: true, data: false } as const;

/**
 * A source compiled ahead of time (`precompileText` at build time): handlebars' template spec and
 * its plain pieces. A bundle that ships handlebars' runtime only (no compiler, no parser) installs
 * these with `installPrecompiledText` and renders them exactly as compiled ones.
 */
export interface PrecompiledText {
  /**
   * handlebars' template spec (the value of `precompileText`'s JavaScript source). A plain source
   * (`pieces` not null) may leave it out: it renders from its pieces, and only a missing variable or
   * a function value (handlebars' own error or call) compiles it then.
   */
  spec?: object;
  pieces: string[] | null;
}

/** The installed tables, newest first; read in place (copying a topic's table cost ~2 ms). */
const precompiled: Readonly<Record<string, PrecompiledText>>[] = [];
let recorder: ((source: string) => void) | null = null;

/**
 * A source precompiled for `installPrecompiledText`: the spec as JavaScript source (handlebars'
 * `precompile`, with renderText's options) and its plain pieces. Needs handlebars' compiler.
 */
export function precompileText(source: string): { spec: string; pieces: string[] | null } {
  return { spec: hb.precompile(source, OPTIONS) as unknown as string, pieces: plainPieces(source) };
}

/** Sources renderText takes precompiled from now on, instead of compiling them. */
export function installPrecompiledText(entries: Readonly<Record<string, PrecompiledText>>): void {
  if (!precompiled.includes(entries)) precompiled.unshift(entries);
}

/** The installed entry for `source`, from the table installed last that has it. */
function precompiledEntry(source: string): PrecompiledText | undefined {
  for (const table of precompiled) if (hasOwn.call(table, source)) return table[source];
  return undefined;
}

/**
 * Calls `record` with every source renderText is given from now on (a build step collects the
 * sources to precompile this way); `null` stops recording.
 */
export function recordTextSources(record: ((source: string) => void) | null): void {
  recorder = record;
}

const cache = new Map<string, CompiledText>();
/** Templates pass fixed sources; a few build them per variant, so the cache is bounded. */
const CACHE_LIMIT = 4096;
const hasOwn = Object.prototype.hasOwnProperty;

/** The literal/name pieces of a source made only of text, comments and `{{name}}`, or null. */
export function plainPieces(source: string): string[] | null {
  const pieces: string[] = [''];
  for (const node of hb.parse(source).body) {
    if (node.type === 'ContentStatement') {
      pieces[pieces.length - 1] += (node as hbs.AST.ContentStatement).value;
    } else if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      const path = m.path as hbs.AST.PathExpression;
      if (
        path.type !== 'PathExpression' ||
        path.data ||
        path.depth !== 0 ||
        path.parts.length !== 1 ||
        path.original !== path.parts[0] ||
        m.params.length ||
        m.hash ||
        // A name that is also a helper calls the helper.
        hasOwn.call(hb.helpers, path.parts[0])
      )
        return null;
      pieces.push(path.parts[0], '');
    } else if (node.type !== 'CommentStatement') {
      return null;
    }
  }
  return pieces;
}

function compile(source: string, usePrecompiled = true): CompiledText {
  const pre = usePrecompiled ? precompiledEntry(source) : undefined;
  if (pre?.spec)
    return { pieces: pre.pieces, render: hb.template(pre.spec as TemplateSpecification) };
  if (pre?.pieces) {
    let full: HandlebarsTemplateDelegate | undefined;
    return { pieces: pre.pieces, render: (data) => (full ??= compile(source, false).render)(data) };
  }
  // No @data variables (no template uses @index/@root): skips a frame per call.
  const render = hb.compile(source, OPTIONS);
  return { pieces: plainPieces(source), render };
}

/** Renders a handlebars source (compiled once and cached) with strict variable checking. */
export function renderText(source: string, data: object): string {
  if (recorder) recorder(source);
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = compile(source);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, compiled);
  }
  const pieces = compiled.pieces;
  if (!pieces) return compiled.render(data);
  let out = pieces[0] as string;
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i] as string;
    // Handlebars' strict lookup throws on a missing name, and calls a function value: let it.
    if (!(name in data)) return compiled.render(data);
    const value: unknown = hasOwn.call(data, name)
      ? (data as Record<string, unknown>)[name]
      : undefined;
    if (typeof value === 'function') return compiled.render(data);
    out += (value != null ? value : '') + (pieces[i + 1] as string);
  }
  return out;
}
