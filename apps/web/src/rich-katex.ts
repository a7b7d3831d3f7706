/**
 * KaTeX for the practice page, loaded once the first question is on screen (`rich.ts`): the
 * exporter's rich-text renderer (KaTeX HTML+MathML) and KaTeX's stylesheet.
 */
import 'katex/dist/katex.min.css';

export { richTextToHtml } from '@dlexam/export-html';
