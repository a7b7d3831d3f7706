import { SaxesParser } from 'saxes';

/** A parsed element: attributes and children (text runs merged, CDATA as text). */
export interface Parsed {
  name: string;
  attributes: Record<string, string>;
  children: (Parsed | string)[];
}

/**
 * Parses a whole document with saxes (a conformant XML 1.0 parser) and returns its root element;
 * throws on any well-formedness error. Adjacent text and CDATA runs are merged into one string.
 */
export function parseXml(xml: string): Parsed {
  const parser = new SaxesParser();
  const stack: Parsed[] = [];
  let root: Parsed | undefined;
  const addText = (value: string) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (value.trim() !== '') throw new Error(`text outside the root element: ${value}`);
      return;
    }
    const last = top.children[top.children.length - 1];
    if (typeof last === 'string') top.children[top.children.length - 1] = last + value;
    else top.children.push(value);
  };
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const el: Parsed = {
      name: tag.name,
      attributes: { ...tag.attributes },
      children: [],
    };
    const top = stack[stack.length - 1];
    if (top) top.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The element's children without whitespace-only text runs (indentation). */
export function elements(el: Parsed): (Parsed | string)[] {
  return el.children.filter((c) => typeof c !== 'string' || c.trim() !== '');
}
