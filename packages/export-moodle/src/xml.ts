import { checkXmlText as check, XmlWriter } from '@dlexam/markup';
import { MoodleExportError } from './errors.js';

const moodleError = (message: string) => new MoodleExportError(message);

/** Throws a `MoodleExportError` naming `where` if `value` holds a character XML cannot hold. */
export function checkXmlText(value: string, where: string): string {
  return check(value, where, moodleError);
}

/** `<text>` holding escaped plain text. */
export function text(w: XmlWriter, value: string, where: string): void {
  w.leaf('text', checkXmlText(value, where));
}

/** `<text>` holding HTML in CDATA (a `]]>` split across two sections). */
export function html(w: XmlWriter, value: string, where: string): void {
  checkXmlText(value, where);
  w.open('text').cdata(value).close();
}

/** The fragment cache: a trie over the key's parts, so no key string is built per lookup. */
interface FragmentLevel {
  fragment?: string;
  next?: Map<string, FragmentLevel>;
}

/**
 * Fragments kept at most: the cache starts over when it holds more, so memory stays flat however
 * many distinct options a large export writes (the shared ones are back after one question).
 */
const MAX_FRAGMENTS = 2048;

/** Output is handed out in chunks of at least this many characters (see `QuizWriter.chunk`). */
const CHUNK_CHARS = 64 * 1024;

/**
 * A `<quiz>` document written question by question with the streaming `XmlWriter`: nothing of a
 * question is kept once it is written, and `chunk()` hands out what was written so far.
 */
export class QuizWriter {
  readonly xml: XmlWriter;
  private fragments: FragmentLevel = {};
  private fragmentCount = 0;

  constructor(indent: boolean) {
    this.xml = new XmlWriter({ indent });
    this.xml.declaration().open('quiz');
  }

  /**
   * Writes the children `build` writes into the open `<question>`; they must depend only on `key`
   * (the values they are built from, the first naming the fragment's kind). They are built once
   * per document and the same bytes repeated for every later question with this key (tags, option
   * answers, settings many questions share); `build` then does not run at all, so its checks run
   * once per distinct key.
   */
  fragment(key: readonly string[], build: (w: XmlWriter) => void): void {
    if (this.fragmentCount >= MAX_FRAGMENTS) {
      this.fragments = {};
      this.fragmentCount = 0;
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
      level.fragment = this.xml.capture(build);
      this.fragmentCount++;
    } else this.xml.raw(level.fragment);
  }

  /** What was written since the last chunk, once there is enough of it (else null). */
  chunk(): string | null {
    return this.xml.pending >= CHUNK_CHARS ? this.xml.take() : null;
  }

  /** Closes `<quiz>` and returns the rest of the document, with a trailing newline. */
  finish(): string {
    this.xml.close().end();
    return `${this.xml.take()}\n`;
  }
}
