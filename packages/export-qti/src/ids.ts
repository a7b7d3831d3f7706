/**
 * Deterministic identifiers. Canvas keeps QTI idents as migration ids, so the same exam must give
 * the same idents on every export: they are derived from template id, seed and position, never
 * from random UUIDs.
 */

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
export function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A readable, ident-safe rendering of a free string (letters, digits, `_`, `-` only). */
export function identSafe(text: string, max = 40): string {
  const s = text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return s.slice(0, max) || 'x';
}
