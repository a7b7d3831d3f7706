import { XMLParser } from 'fast-xml-parser';
import { importerXmlOptions } from '@dlexam/types/testing';

/**
 * Reads an exported assessment back into plain objects, the way an importer would see it:
 * each item's Canvas type, points, question HTML, response options, scoring conditions and
 * feedback. Independent of the exporter's internals (it only reads the XML).
 */

type X = Record<string, unknown>;

// Every element as a list; attributes as `@name`.
const parser = new XMLParser(importerXmlOptions('@', (_n, _j, _l, isAttribute) => !isAttribute));

const arr = (x: unknown): X[] => (Array.isArray(x) ? (x as X[]) : x === undefined ? [] : [x as X]);
const one = (x: unknown, what: string): X => {
  const a = arr(x);
  if (a.length !== 1) throw new Error(`expected one ${what}, found ${a.length}`);
  return a[0] as X;
};
export const text = (x: unknown): string => {
  if (typeof x === 'string') return x;
  const a = arr(x);
  return a.map((n) => (typeof n === 'string' ? n : String(n['#text'] ?? ''))).join('');
};
const attr = (x: X, name: string): string | undefined => x[`@${name}`] as string | undefined;

export interface ParsedLabel {
  ident: string;
  text: string;
  texttype: string;
}

export interface ParsedResponse {
  ident: string;
  kind: 'lid' | 'str';
  cardinality: string | undefined;
  /** Material before the render element (matching prompt / blank id). */
  prompt: string | undefined;
  fibtype: string | undefined;
  labels: ParsedLabel[];
}

export interface ParsedCondition {
  continue: string;
  /** The conditionvar subtree as parsed. */
  conditionvar: X;
  setvar: { action: string; value: string } | null;
  feedback: string[];
}

export interface ParsedItem {
  ident: string;
  title: string;
  meta: Record<string, string>;
  html: string;
  responses: ParsedResponse[];
  conditions: ParsedCondition[];
  feedback: Record<string, string>;
}

export interface ParsedGroup {
  ident: string;
  title: string;
  pick: number;
  pointsPerItem: string;
  items: ParsedItem[];
}

export interface ParsedAssessment {
  ident: string;
  title: string;
  meta: Record<string, string>;
  /** Items directly in the root section (plain mode). */
  items: ParsedItem[];
  groups: ParsedGroup[];
}

function metadata(q: X | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!q) return out;
  for (const f of arr(q.qtimetadatafield)) out[text(f.fieldlabel)] = text(f.fieldentry);
  return out;
}

function mattextOf(material: X): { text: string; texttype: string } {
  const m = one(material.mattext, 'mattext');
  return { text: text(m), texttype: attr(m, 'texttype') ?? 'text/plain' };
}

function parseItem(item: X): ParsedItem {
  const meta = metadata(arr(one(item.itemmetadata, 'itemmetadata').qtimetadata)[0]);
  const presentation = one(item.presentation, 'presentation');
  const html = mattextOf(one(presentation.material, 'material')).text;
  const responses: ParsedResponse[] = [];
  for (const [kind, key] of [
    ['lid', 'response_lid'],
    ['str', 'response_str'],
  ] as const) {
    for (const r of arr(presentation[key])) {
      const render = arr(r.render_choice)[0] ?? arr(r.render_fib)[0] ?? {};
      responses.push({
        ident: attr(r, 'ident') as string,
        kind,
        cardinality: attr(r, 'rcardinality'),
        prompt: r.material ? mattextOf(one(r.material, 'material')).text : undefined,
        fibtype: attr(render, 'fibtype'),
        labels: arr(render.response_label).map((l) => {
          const m = l.material
            ? mattextOf(one(l.material, 'material'))
            : { text: '', texttype: '' };
          return { ident: attr(l, 'ident') as string, text: m.text, texttype: m.texttype };
        }),
      });
    }
  }
  const rp = one(item.resprocessing, 'resprocessing');
  const conditions = arr(rp.respcondition).map((c) => {
    const sv = arr(c.setvar)[0];
    return {
      continue: attr(c, 'continue') ?? 'No',
      conditionvar: one(c.conditionvar, 'conditionvar'),
      setvar: sv ? { action: attr(sv, 'action') ?? 'Set', value: text(sv) } : null,
      feedback: arr(c.displayfeedback).map((d) => attr(d, 'linkrefid') as string),
    };
  });
  const feedback: Record<string, string> = {};
  for (const fb of arr(item.itemfeedback)) {
    feedback[attr(fb, 'ident') as string] = mattextOf(
      one(one(fb.flow_mat, 'flow_mat').material, 'material'),
    ).text;
  }
  return {
    ident: attr(item, 'ident') as string,
    title: attr(item, 'title') as string,
    meta,
    html,
    responses,
    conditions,
    feedback,
  };
}

export function parseAssessment(xml: string): ParsedAssessment {
  const doc = parser.parse(xml) as X;
  const root = one(doc.questestinterop, 'questestinterop');
  const assessment = one(root.assessment, 'assessment');
  const section = one(assessment.section, 'root section');
  return {
    ident: attr(assessment, 'ident') as string,
    title: attr(assessment, 'title') as string,
    meta: metadata(arr(assessment.qtimetadata)[0]),
    items: arr(section.item).map(parseItem),
    groups: arr(section.section).map((g) => {
      const selection = one(one(g.selection_ordering, 'selection_ordering').selection, 'selection');
      return {
        ident: attr(g, 'ident') as string,
        title: attr(g, 'title') as string,
        pick: Number(text(selection.selection_number)),
        pointsPerItem: text(
          one(selection.selection_extension, 'selection_extension').points_per_item,
        ),
        items: arr(g.item).map(parseItem),
      };
    }),
  };
}

/** The `varequal` values (with their respident) anywhere under a node, in document order per tag. */
export function varequals(node: X): { respident: string; value: string }[] {
  const out: { respident: string; value: string }[] = [];
  for (const v of arr(node.varequal))
    out.push({ respident: attr(v, 'respident') as string, value: text(v) });
  return out;
}

export function child(node: X, name: string): X[] {
  return arr(node[name]);
}

/**
 * Numeric condition parts: `or(varequal, and(vargte, varlte))` (exact ± margin), or `vargte` and
 * `varlte` directly in the condition (a range: no `exact`).
 */
export function numericCondition(cv: X): { exact?: string; gte: string; lte: string } {
  if (cv.or === undefined)
    return { gte: text(one(cv.vargte, 'vargte')), lte: text(one(cv.varlte, 'varlte')) };
  const or = one(cv.or, 'or');
  const and = one(or.and, 'and');
  return {
    exact: text(one(or.varequal, 'varequal')),
    gte: text(one(and.vargte, 'vargte')),
    lte: text(one(and.varlte, 'varlte')),
  };
}

/** Decodes the HTML escapes our renderer writes (the five XML ones and &#39;). */
export function unescapeHtml(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39);/g,
    (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string,
  );
}

/** The text content of an HTML fragment (tags dropped, escapes decoded). */
export function htmlText(html: string): string {
  return unescapeHtml(html.replace(/<[^>]*>/g, ''));
}

const metaParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: false,
});

/** assessment_meta.xml as a flat record of its child elements' text. */
export function parseMeta(xml: string): Record<string, string> {
  const quiz = (metaParser.parse(xml) as X).quiz as X;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(quiz))
    out[k] = typeof v === 'object' && v !== null ? text((v as X)['#text'] ?? '') : String(v);
  return out;
}
