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

const cache = new Map<string, HandlebarsTemplateDelegate>();
/** Templates pass fixed sources; a few build them per variant, so the cache is bounded. */
const CACHE_LIMIT = 4096;

/** Renders a handlebars source (compiled once and cached) with strict variable checking. */
export function renderText(source: string, data: object): string {
  let compiled = cache.get(source);
  if (!compiled) {
    // No @data variables (no template uses @index/@root): skips a frame per call.
    compiled = hb.compile(source, { noEscape: true, strict: true, data: false });
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, compiled);
  }
  return compiled(data);
}
