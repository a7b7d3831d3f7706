import { XMLBuilder } from 'fast-xml-parser';
import { MoodleExportError } from './errors.js';

/**
 * A small element-tree API over fast-xml-parser's XMLBuilder (ordered mode), which does all the
 * escaping and serializing. xmlbuilder2's DOM was 4–5× slower for 10,000 variants (the same choice
 * as export-qti). Element and attribute names are constants of this package.
 */

type Ordered = Record<string, unknown>;

const BUILDER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  // No prefix: an element's attributes object is handed to the builder as it is, not copied.
  attributeNamePrefix: '',
  textNodeName: '#text',
  cdataPropName: '#cdata',
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
};

/** Indented output (`indent: true`): the whole document as one tree. */
const indented = new XMLBuilder({ ...BUILDER_OPTIONS, format: true });
/** Compact output: each top-level `<question>` serialized on its own. */
const compact = new XMLBuilder({ ...BUILDER_OPTIONS, format: false });
/**
 * Composes the compact document: `<quiz>` is a stop node (fast-xml-parser's `stopNodes`: the
 * content of the listed tags is written as it is), and its content is the questions `compact`
 * serialized. `<quiz>` has no attributes, and nothing else reaches this builder unescaped.
 * XMLBuilder builds a string bottom-up and copies each element's whole content at every level, so
 * serializing question by question keeps the 40 MB document from being copied and flattened once
 * per level of nesting.
 */
const composer = new XMLBuilder({ ...BUILDER_OPTIONS, format: false, stopNodes: ['quiz'] });
/**
 * Composes one compact `<question>` the same way from its parts: `<question>` is a stop node, and
 * its content is the element runs `compact` serialized for this question and the fragments it
 * serialized earlier for an identical subtree (see `QuizDocument.fragment`). The question's only
 * attribute is its `type`, a constant of this package.
 */
const questionComposer = new XMLBuilder({
  ...BUILDER_OPTIONS,
  format: false,
  stopNodes: ['question'],
});

/** A question child that `compact` already serialized (a cached fragment). */
class SerializedXml {
  constructor(readonly xml: string) {}
}

/** The fragment cache: a trie over the key's parts, so no key string is built per lookup. */
interface FragmentLevel {
  fragment?: SerializedXml;
  next?: Map<string, FragmentLevel>;
}

// Characters XML 1.0 cannot carry at all (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/F).
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAYBE_BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Throws a `MoodleExportError` naming `where` if `value` holds a character XML cannot hold. */
export function checkXmlText(value: string, where: string): void {
  // Cheap screen first: surrogates are usually valid pairs (emoji), so only then run the exact test.
  if (!MAYBE_BAD.test(value)) return;
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    throw new MoodleExportError(`${where}: U+${code} cannot be written in XML`);
  }
}

/** An element under construction; children are written in the order they are added. */
export class XmlElement {
  constructor(
    private readonly children: Ordered[],
    private readonly node?: Ordered,
    private readonly name?: string,
  ) {}

  /** Appends a child element and returns it. */
  ele(name: string, attributes?: Record<string, string>): XmlElement {
    this.expand();
    const children: Ordered[] = [];
    const node: Ordered = {};
    node[name] = children;
    if (attributes) node[':@'] = attributes;
    this.children.push(node);
    return new XmlElement(children, node, name);
  }

  /** Appends escaped text (nothing for ''). */
  txt(value: string): this {
    if (!value) return this;
    if (this.node && this.children.length === 0 && this.node[this.name!] === this.children) {
      // A text-only element holds its text as a string, which XMLBuilder escapes exactly like a
      // `#text` child, without a node object per text (most of the document's leaves).
      this.node[this.name!] = value;
      return this;
    }
    this.expand();
    this.children.push({ '#text': value });
    return this;
  }

  /** Appends a CDATA section; the caller keeps `]]>` out (see `cdataChunks`). */
  dat(value: string): this {
    this.expand();
    this.children.push({ '#cdata': [{ '#text': value }] });
    return this;
  }

  /** Appends a fragment XMLBuilder already serialized (only `QuizDocument.fragment` does). */
  serialized(fragment: SerializedXml): void {
    this.expand();
    this.children.push(fragment as unknown as Ordered);
  }

  /** Turns a string value back into a child list before more children are added. */
  private expand(): void {
    if (!this.node) return;
    const value = this.node[this.name!];
    if (typeof value === 'string') {
      this.children.push({ '#text': value });
      this.node[this.name!] = this.children;
    }
  }
}

/**
 * Raw content no escaped text can contain (every `<` in text and attributes is escaped, and CDATA
 * sections appear only inside questions, which are joined in after the mark is found).
 */
const CONTENT_MARK = '<dlexam-serialized-content/>';

const DECLARATION: Ordered = {
  '?xml': [{ '#text': '' }],
  ':@': { version: '1.0', encoding: 'UTF-8' },
};

/** An indented document with an XML declaration and one root element (no trailing newline). */
export function xmlDocument(rootName: string): { root: XmlElement; serialize: () => string } {
  const children: Ordered[] = [];
  const doc: Ordered[] = [DECLARATION, { [rootName]: children }];
  return { root: new XmlElement(children), serialize: () => indented.build(doc) as string };
}

/**
 * A `<quiz>` document written question by question: `question()` starts the next top-level
 * `<question>`, `serialize()` returns the document with a trailing newline. Indented, the document
 * is one tree serialized at the end (as readable as before, byte for byte). Compact, each
 * question is serialized by XMLBuilder when the next one starts and its tree dropped; the
 * document is then composed around the serialized questions (see `composer`).
 */
export class QuizDocument {
  private readonly questions: Ordered[] = [];
  private readonly pieces: string[] = [];
  private readonly fragments: FragmentLevel = {};

  constructor(private readonly indent: boolean) {}

  /**
   * Appends to `question` (an element `question()` returned) the children `build` writes, which
   * must depend only on `key` (the values it is built from, the first naming the fragment's kind).
   * Compact, they are built and serialized by
   * XMLBuilder once per document and the same serialized bytes reused for every later question
   * with this key (tags, option answers, settings many questions share); `build` then does not
   * run at all, so its checks run once per distinct key. Indented, `build` always writes into
   * the one tree.
   */
  fragment(
    question: XmlElement,
    key: readonly string[],
    build: (parent: XmlElement) => void,
  ): void {
    if (this.indent) {
      build(question);
      return;
    }
    let level = this.fragments;
    for (const part of key) {
      level.next ??= new Map();
      let next = level.next.get(part);
      if (next === undefined) {
        next = {};
        level.next.set(part, next);
      }
      level = next;
    }
    if (level.fragment === undefined) {
      const nodes: Ordered[] = [];
      build(new XmlElement(nodes));
      level.fragment = new SerializedXml(
        nodes.length === 0 ? '' : (compact.build(nodes) as string),
      );
    }
    question.serialized(level.fragment);
  }

  /** Appends a `<question>` element and returns it. */
  question(attributes: Record<string, string>): XmlElement {
    this.flush();
    return new XmlElement(this.questions).ele('question', attributes);
  }

  serialize(): string {
    if (this.indent) {
      return (indented.build([DECLARATION, { quiz: this.questions }]) as string) + '\n';
    }
    this.flush();
    if (this.pieces.length === 0)
      return (composer.build([DECLARATION, { quiz: [] }]) as string) + '\n';
    // The composer writes the document with a mark as `<quiz>`'s content, and the serialized
    // questions are joined in at the mark: one copy of the 40 MB document, where composing it
    // inside XMLBuilder copied and flattened it at every level above `<quiz>`.
    const frame = composer.build([DECLARATION, { quiz: [{ '#text': CONTENT_MARK }] }]) as string;
    const at = frame.indexOf(CONTENT_MARK);
    if (at < 0 || frame.indexOf(CONTENT_MARK, at + 1) >= 0) {
      throw new Error('internal: the serialized-content mark must appear exactly once');
    }
    this.pieces.unshift(frame.slice(0, at));
    this.pieces.push(`${frame.slice(at + CONTENT_MARK.length)}\n`);
    const out = this.pieces.join('');
    this.pieces.length = 0;
    return out;
  }

  private flush(): void {
    if (this.indent || this.questions.length === 0) return;
    for (const question of this.questions) this.pieces.push(this.serializeOne(question));
    this.questions.length = 0;
  }

  /** One compact `<question>`: its element runs serialized by `compact`, fragments as they are. */
  private serializeOne(question: Ordered): string {
    const children = question['question'] as Ordered[];
    if (!children.some((child) => child instanceof SerializedXml)) {
      return compact.build([question]) as string;
    }
    const parts: Ordered[] = [];
    let run: Ordered[] = [];
    for (const child of children) {
      if (child instanceof SerializedXml) {
        if (run.length > 0) parts.push({ '#text': compact.build(run) as string });
        run = [];
        if (child.xml !== '') parts.push({ '#text': child.xml });
      } else {
        run.push(child);
      }
    }
    if (run.length > 0) parts.push({ '#text': compact.build(run) as string });
    return questionComposer.build([{ question: parts, ':@': question[':@'] }]) as string;
  }
}

/** Sets an element's text. */
export function put(el: XmlElement, value: string): void {
  el.txt(value);
}

/** `<text>` holding escaped plain text. */
export function text(parent: XmlElement, value: string, where: string): void {
  checkXmlText(value, where);
  put(parent.ele('text'), value);
}

/** CDATA sections for `value`: a `]]>` is split as `]]` | `>` across two sections. */
export function cdataChunks(value: string): string[] {
  if (!value.includes(']]>')) return value === '' ? [] : [value];
  const parts = value.split(']]>');
  return parts
    .map((part, i) => (i > 0 ? '>' : '') + part + (i < parts.length - 1 ? ']]' : ''))
    .filter((chunk) => chunk !== '');
}

/** `<text>` holding HTML in CDATA. */
export function html(parent: XmlElement, value: string, where: string): void {
  checkXmlText(value, where);
  const el = parent.ele('text');
  for (const chunk of cdataChunks(value)) el.dat(chunk);
}
