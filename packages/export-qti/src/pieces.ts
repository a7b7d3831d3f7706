import type { MultipleScoring, Variant } from '@dlexam/types';
import type { MathStyle } from './html.js';
import { appendItem, type FigureSink } from './items.js';
import { SerializedChunks, XmlElement } from './xml.js';

/**
 * A compact assessment document as a list of pieces: markup XMLBuilder serialized already (the
 * document's head and tail, a question group's opening and closing tags) and the items between
 * them, still to render. Rendering the pieces in order gives the document, one item tree at a time.
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
  /** Scoring of a multiple-answer question (its slot's). */
  grading: MultipleScoring;
}

/** How items are written (the options of `QtiOptions` that reach an item). */
export interface ItemStyle {
  numericStyle: 'margin' | 'range';
  math: MathStyle;
}

/**
 * Renders `pieces` in order into the document's text, in chunks of about a quarter megabyte (see
 * `SerializedChunks`). Answer ids are numbered from 1 through the document.
 */
export function renderPieces(
  pieces: readonly QtiPiece[],
  style: ItemStyle,
  figures: FigureSink,
): string[] {
  const content = new SerializedChunks();
  // One item at a time: its tree dies young (measured: a third less scavenging than batches of
  // 64, and no slower to compose).
  const scratch = new XmlElement('section');
  const wellFormedSvgs = new Set<string>();
  let answerId = 0;
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
      grading: piece.grading,
      figures,
      wellFormedSvgs,
      nextAnswerId,
      numericStyle: style.numericStyle,
      math: style.math,
    });
    content.add(scratch.takeChildren());
  }
  return content.chunks();
}
