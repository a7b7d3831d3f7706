import { XMLParser } from 'fast-xml-parser';

/**
 * A small DTD validator for tests. The libxml2 build in xmllint-wasm has no DTD validation
 * (`--dtdvalid` / `--valid` are compiled out), and the IMS QTI 1.2.1 ASI grammar exists only as a
 * DTD, so this checks documents against it directly: every element must be declared, its
 * children must match the declared content model (compiled to a regular expression over child
 * names), text may only appear where the model allows #PCDATA, and attributes must be declared,
 * carry an allowed value when enumerated, and be present when #REQUIRED.
 * It was cross-checked against native `xmllint --dtdvalid` while writing it (see dtd.test.ts).
 */

interface ElementDecl {
  /** null for ANY. */
  children: RegExp | null;
  text: boolean;
}

interface AttrDecl {
  values: string[] | null;
  required: boolean;
  fixed: string | null;
}

export interface Dtd {
  elements: Map<string, ElementDecl>;
  attributes: Map<string, Map<string, AttrDecl>>;
}

function expandEntities(src: string): string {
  const entities = new Map<string, string>();
  const declRe = /<!ENTITY\s+%\s+([\w.-]+)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
  for (const m of src.matchAll(declRe)) entities.set(m[1] as string, (m[2] ?? m[3]) as string);
  let out = src.replace(declRe, '');
  for (let pass = 0; pass < 10 && /%[\w.-]+;/.test(out); pass++) {
    out = out.replace(/%([\w.-]+);/g, (whole, name: string) => entities.get(name) ?? whole);
  }
  if (/%[\w.-]+;/.test(out))
    throw new Error(`unresolved parameter entity in DTD: ${/%[\w.-]+;/.exec(out)?.[0]}`);
  return out;
}

function compileModel(model: string): ElementDecl {
  const m = model.trim();
  if (m === 'EMPTY') return { children: /^$/, text: false };
  if (m === 'ANY') return { children: null, text: true };
  if (m.includes('#PCDATA')) {
    const names = m
      .replace(/[()*\s]/g, '')
      .split('|')
      .filter((n) => n && n !== '#PCDATA');
    const alt = names.map((n) => `${n.replace(/[.-]/g, '\\$&')} `).join('|');
    return { children: new RegExp(names.length ? `^(?:${alt})*$` : '^$'), text: true };
  }
  let re = '';
  for (const tok of m.match(/[\w.-]+|[(),|?*+]/g) ?? []) {
    if (tok === '(') re += '(?:';
    else if (tok === ')') re += ')';
    else if (tok === ',') continue;
    else if (tok === '|' || tok === '?' || tok === '*' || tok === '+') re += tok;
    else re += `(?:${tok.replace(/[.-]/g, '\\$&')} )`;
  }
  return { children: new RegExp(`^${re}$`), text: false };
}

export function parseDtd(source: string): Dtd {
  const src = expandEntities(source.replace(/<!--[\s\S]*?-->/g, ''));
  const elements = new Map<string, ElementDecl>();
  const attributes = new Map<string, Map<string, AttrDecl>>();
  for (const m of src.matchAll(/<!ELEMENT\s+([\w.-]+)\s+([\s\S]*?)>/g)) {
    elements.set(m[1] as string, compileModel(m[2] as string));
  }
  for (const m of src.matchAll(/<!ATTLIST\s+([\w.-]+)([\s\S]*?)>/g)) {
    const attrs = attributes.get(m[1] as string) ?? new Map<string, AttrDecl>();
    const body = m[2] as string;
    const attrRe =
      /([\w.:-]+)\s+(\([^)]*\)|[A-Z]+)\s+(#REQUIRED|#IMPLIED|#FIXED\s+(?:"[^"]*"|'[^']*')|"[^"]*"|'[^']*')/g;
    for (const a of body.matchAll(attrRe)) {
      const type = a[2] as string;
      const dflt = a[3] as string;
      attrs.set(a[1] as string, {
        values: type.startsWith('(')
          ? type
              .slice(1, -1)
              .split('|')
              .map((v) => v.trim())
          : null,
        required: dflt === '#REQUIRED',
        fixed: dflt.startsWith('#FIXED') ? dflt.replace(/^#FIXED\s+/, '').slice(1, -1) : null,
      });
    }
    attributes.set(m[1] as string, attrs);
  }
  return { elements, attributes };
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Validates `xml` against `dtd`, with `root` as the required root element. Returns error messages. */
export function validateWithDtd(xml: string, dtd: Dtd, root: string): string[] {
  const errors: string[] = [];
  const doc = parser.parse(xml) as OrderedNode[];
  const tops = doc.filter((n) => !('#text' in n) || String(n['#text']).trim());
  if (tops.length !== 1) return [`expected one root element, found ${tops.length}`];
  const visit = (node: OrderedNode, path: string) => {
    const name = Object.keys(node).find((k) => k !== ':@') as string;
    const here = `${path}/${name}`;
    const decl = dtd.elements.get(name);
    if (!decl) {
      errors.push(`${here}: element '${name}' is not declared`);
      return;
    }
    const attrDecls = dtd.attributes.get(name) ?? new Map<string, AttrDecl>();
    const attrs = node[':@'] ?? {};
    for (const [attr, value] of Object.entries(attrs)) {
      const ad = attrDecls.get(attr);
      if (!ad) errors.push(`${here}: attribute '${attr}' is not declared`);
      else if (ad.values && !ad.values.includes(String(value)))
        errors.push(`${here}: ${attr}="${value}" is not one of ${ad.values.join('|')}`);
      else if (ad.fixed !== null && String(value) !== ad.fixed)
        errors.push(`${here}: ${attr} must be "${ad.fixed}"`);
    }
    for (const [attr, ad] of attrDecls)
      if (ad.required && !(attr in attrs))
        errors.push(`${here}: required attribute '${attr}' missing`);
    const kids = (node[name] as OrderedNode[]) ?? [];
    let names = '';
    for (const kid of kids) {
      if ('#text' in kid) {
        if (!decl.text && String(kid['#text']).trim())
          errors.push(`${here}: text not allowed here`);
        continue;
      }
      names += `${Object.keys(kid).find((k) => k !== ':@')} `;
    }
    if (decl.children && !decl.children.test(names))
      errors.push(`${here}: children [${names.trim()}] do not match the content model`);
    for (const kid of kids) if (!('#text' in kid)) visit(kid, here);
  };
  const top = tops[0] as OrderedNode;
  const rootName = Object.keys(top).find((k) => k !== ':@');
  if (rootName !== root) errors.push(`root element is '${rootName}', expected '${root}'`);
  visit(top, '');
  return errors;
}
