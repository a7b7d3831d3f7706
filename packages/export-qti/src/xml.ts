import { XMLBuilder } from 'fast-xml-parser';

/**
 * A minimal element tree over fast-xml-parser's `XMLBuilder` (preserve-order form), which does the
 * serialization: escaping of text and attribute values, name checks, indentation. We first used
 * xmlbuilder2, whose DOM made a 10,000-variant export take seconds, mostly in garbage collection;
 * this tree is plain arrays and objects.
 */

type OrderedNode = Record<string, unknown>;

export class XmlElement {
  readonly node: OrderedNode;
  private readonly kids: OrderedNode[] = [];

  constructor(name: string, attrs?: Record<string, string>) {
    this.node = attrs ? { [name]: this.kids, ':@': attrs } : { [name]: this.kids };
  }

  /** Appends a child element and returns it. */
  ele(name: string, attrs?: Record<string, string>): XmlElement {
    const child = new XmlElement(name, attrs);
    this.kids.push(child.node);
    return child;
  }

  /** Appends a text node (escaped on output) and returns this element. */
  txt(text: string): this {
    if (text !== '') this.kids.push({ '#text': text });
    return this;
  }
}

const options = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
};
const indented = new XMLBuilder({ ...options, format: true });
const compact = new XMLBuilder({ ...options, format: false });

/** Serializes a document with an XML declaration (UTF-8) and a trailing newline. */
export function xmlDocument(root: XmlElement, indent = true): string {
  const decl = { '?xml': [], ':@': { version: '1.0', encoding: 'UTF-8' } };
  const out = (indent ? indented : compact).build([decl, root.node]) as string;
  return out.endsWith('\n') ? out : `${out}\n`;
}
