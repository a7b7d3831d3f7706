import type { Variant } from '@dlexam/types';
import type { MathStyle } from './html.js';
import { appendItem, type FigureSink } from './items.js';
import { SerializedChunks, XmlElement } from './xml.js';

/**
 * A compact assessment document as a list of pieces: markup XMLBuilder serialized already (the
 * document's head and tail, a question group's opening and closing tags) and the items between
 * them, still to render. Rendering the pieces in order gives the document; any run of them can be
 * rendered on its own, on another thread, given the answer ids handed out before it.
 */
export type QtiPiece = string | QtiItemJob;

/** One `<item>` to render: a variant and where it sits in the package. */
export interface QtiItemJob {
  variant: Variant;
  /** The item's ident (unique in the package). */
  ident: string;
  points: number;
  /** Human location for error messages ("version A question 3 (…)"). */
  where: string;
}

/** How items are written (the options of `QtiOptions` that reach an item). */
export interface ItemStyle {
  numericStyle: 'margin' | 'range';
  math: MathStyle;
}

export interface RenderedPieces {
  /** The serialized text, in chunks of about a quarter megabyte (see `SerializedChunks`). */
  chunks: string[];
  /** The last answer id handed out (the `firstAnswerId` given, when no item took one). */
  lastAnswerId: number;
}

/**
 * Renders `pieces` in order. Answer ids are numbered on from `afterAnswerId` (0 for a document's
 * first piece), so a document rendered in runs has the ids it has rendered in one go.
 */
export function renderPieces(
  pieces: readonly QtiPiece[],
  afterAnswerId: number,
  style: ItemStyle,
  figures: FigureSink,
): RenderedPieces {
  const content = new SerializedChunks();
  // One item at a time: its tree dies young (measured: a third less scavenging than batches of
  // 64, and no slower to compose).
  const scratch = new XmlElement('section');
  const wellFormedSvgs = new Set<string>();
  let answerId = afterAnswerId;
  const nextAnswerId = () => String(++answerId);
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      content.addSerialized(piece);
      continue;
    }
    appendItem(scratch, {
      variant: piece.variant,
      ident: piece.ident,
      points: piece.points,
      where: piece.where,
      figures,
      wellFormedSvgs,
      nextAnswerId,
      numericStyle: style.numericStyle,
      math: style.math,
    });
    content.add(scratch.takeChildren());
  }
  return { chunks: content.chunks(), lastAnswerId: answerId };
}
