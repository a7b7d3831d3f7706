import { cdataSections, escapeXml } from './escape.js';

/** Attributes of an element, written in insertion order; values are escaped by the writer. */
export type XmlAttributes = Readonly<Record<string, string>>;

export interface XmlWriterOptions {
  /**
   * Indent for people reading the file: every element on its own line, two spaces per level.
   * Default false: no whitespace between tags. Text and CDATA content are never altered.
   */
  indent?: boolean;
}

/** What an element has held so far (indented layout only needs it). */
const NONE = 0;
const ELEMENT = 1;
const TEXT = 2;
const CDATA = 3;
type Last = typeof NONE | typeof ELEMENT | typeof TEXT | typeof CDATA;

interface Frame {
  name: string;
  /** The kind of the last child written. */
  last: Last;
  /** Whether the content holds a child element or a CDATA section with `</` or `/>` in it. */
  markup: boolean;
}

const INDENT = '  ';

/**
 * A small streaming XML writer: elements, attributes, text, CDATA sections and already-written
 * markup go straight into an output buffer that the caller drains with `take()` (a chunk of the
 * document so far); no element tree is ever built. Text and attribute values are escaped
 * (`escapeXml`); names are the caller's constants and are not checked. Characters XML cannot
 * hold are the caller's to refuse (`checkXmlText`) before they reach the writer.
 *
 * The layout is the one fast-xml-parser's builder wrote for dlexam's exports before this writer
 * replaced it, byte for byte: compact by default; indented, each element starts on a new line
 * two spaces deeper, an element whose content ends in an element or a CDATA section closes on a
 * line of its own, an element holding only text closes on its line, and an empty element is
 * self-closed (`<a/>`). Text after child elements in an indented document is refused (its layout
 * would depend on content not yet written).
 */
export class XmlWriter {
  private out = '';
  private readonly stack: Frame[] = [];
  /** The last start tag still lacks its `>` (it becomes `/>` if the element stays empty). */
  private openStart = false;
  private readonly indent: boolean;
  private readonly indents: string[] = [];

  constructor(options: XmlWriterOptions = {}) {
    this.indent = options.indent ?? false;
  }

  /** Characters written and not yet taken. */
  get pending(): number {
    return this.out.length;
  }

  /** Elements open now. */
  get depth(): number {
    return this.stack.length;
  }

  /** The markup written since the last `take()`, which is forgotten. */
  take(): string {
    const out = this.out;
    this.out = '';
    return out;
  }

  /** The XML declaration `<?xml version="1.0" encoding="UTF-8"?>` (first, once). */
  declaration(): this {
    if (this.stack.length > 0 || this.out !== '')
      throw new Error('the XML declaration must come first');
    this.out = '<?xml version="1.0" encoding="UTF-8"?>';
    return this;
  }

  /** Starts an element; `close()` ends it. */
  open(name: string, attributes?: XmlAttributes): this {
    this.out += this.startTag(name, attributes);
    this.stack.push({ name, last: NONE, markup: false });
    this.openStart = true;
    return this;
  }

  /** Ends the innermost open element. */
  close(): this {
    const frame = this.stack.pop();
    if (frame === undefined) throw new Error('no element is open');
    if (this.openStart) {
      this.openStart = false;
      this.out += '/>';
    } else if (this.indent && frame.last !== TEXT) {
      this.out += `${this.lineAt(this.stack.length)}</${frame.name}>`;
    } else if (this.indent && frame.markup) {
      throw new Error(
        `<${frame.name}>: text after child elements cannot be written in an indented document`,
      );
    } else {
      this.out += `</${frame.name}>`;
    }
    return this;
  }

  /** `<name …>text</name>`, or `<name …/>` for ''. */
  leaf(name: string, text: string, attributes?: XmlAttributes): this {
    const start = this.startTag(name, attributes);
    this.out += text === '' ? `${start}/>` : `${start}>${escapeXml(text)}</${name}>`;
    return this;
  }

  /** `<name …/>`. */
  empty(name: string, attributes?: XmlAttributes): this {
    this.out += `${this.startTag(name, attributes)}/>`;
    return this;
  }

  /** Escaped text in the open element (nothing for ''). */
  text(value: string): this {
    if (value !== '') this.inline(TEXT, escapeXml, value);
    return this;
  }

  /** CDATA sections holding `value` (a `]]>` is split across two; nothing for ''). */
  cdata(value: string): this {
    if (value === '') return this;
    const frame = this.inline(CDATA, cdataSections, value);
    if (!frame.markup && (value.includes('</') || value.includes('/>'))) frame.markup = true;
    return this;
  }

  /**
   * Child elements this writer wrote earlier at the same depth (see `capture`), inserted as they
   * are. Nothing for ''.
   */
  raw(markup: string): this {
    if (markup === '') return this;
    // The fragment starts with its first element's own line start (see `startTag`).
    const frame = this.startContent();
    this.out += markup;
    frame.last = ELEMENT;
    frame.markup = true;
    return this;
  }

  /**
   * Runs `write`, which must write only whole child elements of the open element, and returns
   * the markup it wrote (also kept in the output): to be repeated with `raw` at the same depth.
   */
  capture(write: (writer: this) => void): string {
    const depth = this.stack.length;
    if (depth === 0) throw new Error('capture needs an open element');
    this.startContent();
    // Written into a fresh buffer, not sliced out of the output: a slice would keep the whole
    // output written so far alive for as long as the fragment is kept.
    const before = this.out;
    this.out = '';
    write(this);
    if (this.stack.length !== depth || this.openStart)
      throw new Error('a captured fragment must close every element it opens');
    const fragment = this.out;
    this.out = before + fragment;
    return fragment;
  }

  /** Checks that every element was closed. */
  end(): this {
    if (this.stack.length > 0)
      throw new Error(`<${(this.stack[this.stack.length - 1] as Frame).name}> was never closed`);
    return this;
  }

  /** `\n` and two spaces per level (the indented layout's line start at `depth`). */
  private lineAt(depth: number): string {
    let line = this.indents[depth];
    if (line === undefined) {
      line = `\n${INDENT.repeat(depth)}`;
      this.indents[depth] = line;
    }
    return line;
  }

  /** The open element, its start tag's `>` written. */
  private startContent(): Frame {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) throw new Error('markup needs an open element');
    if (this.openStart) {
      this.openStart = false;
      this.out += '>';
    }
    return frame;
  }

  /** The open element about to receive a child of kind `kind`, after what goes before it. */
  /** Text or CDATA content: `value` written as `write` makes it, into the open element. */
  private inline(
    kind: typeof TEXT | typeof CDATA,
    write: (value: string) => string,
    value: string,
  ): Frame {
    const frame = this.content(kind);
    this.out += write(value);
    frame.last = kind;
    return frame;
  }

  private content(kind: Last): Frame {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) throw new Error('text, CDATA and markup need an open element');
    if (this.openStart) {
      this.openStart = false;
      this.out += '>';
    }
    if (this.indent && (kind === ELEMENT || frame.last === ELEMENT))
      this.out += this.lineAt(this.stack.length);
    return frame;
  }

  /** `<name attrs` after what goes before a child element (the parent's `>`, a line start). */
  private startTag(name: string, attributes: XmlAttributes | undefined): string {
    const frame = this.stack[this.stack.length - 1];
    let out = '';
    if (this.openStart) {
      this.openStart = false;
      out = '>';
    }
    if (frame !== undefined) {
      frame.last = ELEMENT;
      frame.markup = true;
    }
    if (this.indent) out += this.lineAt(this.stack.length);
    out += `<${name}`;
    if (attributes !== undefined)
      for (const key in attributes) out += ` ${key}="${escapeXml(attributes[key] as string)}"`;
    return out;
  }
}
