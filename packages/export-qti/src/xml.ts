import { XMLBuilder } from 'fast-xml-parser';

/**
 * A minimal element tree over fast-xml-parser's `XMLBuilder` (preserve-order form), which does the
 * serialization: escaping of text and attribute values, name checks, indentation. We first used
 * xmlbuilder2, whose DOM made a 10,000-variant export take seconds, mostly in garbage collection;
 * this tree is plain arrays and objects.
 */

export type OrderedNode = Record<string, unknown>;

export class XmlElement {
  readonly node: OrderedNode;
  private readonly name: string;
  private readonly kids: OrderedNode[] = [];

  constructor(name: string, attrs?: Record<string, string>) {
    this.name = name;
    // Keyed stores rather than a literal with a computed key (`{ [name]: … }`), which V8 builds
    // through a runtime call: 4× slower, and this runs for every element of a document.
    const node: OrderedNode = {};
    node[name] = this.kids;
    if (attrs) node[':@'] = attrs;
    this.node = node;
  }

  /** Appends a child element and returns it. */
  ele(name: string, attrs?: Record<string, string>): XmlElement {
    this.expand();
    const child = new XmlElement(name, attrs);
    this.kids.push(child.node);
    return child;
  }

  /** Appends a text node (escaped on output) and returns this element. */
  txt(text: string): this {
    if (text === '') return this;
    if (this.kids.length === 0 && this.node[this.name] === this.kids) {
      // A text-only element holds its text as a string, which XMLBuilder escapes exactly like a
      // `#text` child, without a node object per text (most of a large document's leaves).
      this.node[this.name] = text;
      return this;
    }
    this.expand();
    this.kids.push({ '#text': text });
    return this;
  }

  /** Removes the children appended so far and returns their nodes (a batch to serialize). */
  takeChildren(): OrderedNode[] {
    this.expand();
    return this.kids.splice(0);
  }

  /** Appends a `#text` child (for `appendSerialized`). */
  appendText(text: string): void {
    this.expand();
    this.kids.push({ '#text': text });
  }

  /** Turns a string value back into a child list before more children are added. */
  private expand(): void {
    const value = this.node[this.name];
    if (typeof value === 'string') {
      this.kids.push({ '#text': value });
      this.node[this.name] = this.kids;
    }
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

/**
 * The one element whose content may be XML serialized beforehand (`XmlElement.serialized`): the
 * assessment's `root_section`. It is a stop node of `composer` (fast-xml-parser's `stopNodes`:
 * the content of the listed paths is written as it is), and its only attribute is the constant
 * `ident="root_section"`, so nothing unescaped reaches the output.
 */
export const SERIALIZED_CONTAINER = 'questestinterop.assessment.section';
const composer = new XMLBuilder({ ...options, format: false, stopNodes: [SERIALIZED_CONTAINER] });

/**
 * Appends `elements` (nodes of detached elements), serialized compactly by XMLBuilder right away, as content of `container`,
 * which must be the assessment's root section (`SERIALIZED_CONTAINER`) of a compact document.
 * XMLBuilder builds a string bottom-up and copies each element's content at every level, so a
 * large document serialized item by item is copied and flattened far fewer times, and each
 * item's tree can be dropped as soon as it is written.
 */
export function appendSerialized(container: XmlElement, elements: OrderedNode[]): void {
  if (elements.length === 0) return;
  container.appendText(compact.build(elements) as string);
}

/**
 * Serializes a document with an XML declaration (UTF-8) and a trailing newline. `serialized`:
 * the document holds content from `appendSerialized` (compact documents only).
 */
export function xmlDocument(root: XmlElement, indent = true, serialized = false): string {
  const decl = { '?xml': [], ':@': { version: '1.0', encoding: 'UTF-8' } };
  const builder = serialized ? composer : indent ? indented : compact;
  const out = builder.build([decl, root.node]) as string;
  return out.endsWith('\n') ? out : `${out}\n`;
}
