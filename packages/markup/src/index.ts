export { escapeXml, escapeHtml, escapeHtmlMinimal, cdataSections, cdataChunks } from './escape.js';
export { checkXmlText, invalidXmlChar, codePointName, type XmlTextError } from './text.js';
export { XmlWriter, type XmlAttributes, type XmlWriterOptions } from './writer.js';
