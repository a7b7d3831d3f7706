import type { QuestionKind } from '@dlexam/types';

/**
 * Seeds a per-process cache keyed `<template id>|<kind>|<narrowing>` with figures of whole
 * (un-narrowed) templates computed elsewhere — the CLI's build writes them beside its bundle — so a
 * run does not compute them again. `take` turns a figure into the cache entry, or null to leave it
 * to be computed; an entry this process already computed is kept.
 */
export function primeWholeTemplates<Figure, Entry>(
  cache: Map<string, Entry>,
  figuresById: Record<string, Partial<Record<QuestionKind, Figure>>>,
  take: (figure: Figure) => Entry | null,
): void {
  for (const [id, byKind] of Object.entries(figuresById))
    for (const [kind, figure] of Object.entries(byKind) as [string, Figure | undefined][]) {
      const key = `${id}|${kind}|null`;
      const entry = figure === undefined || cache.has(key) ? null : take(figure);
      if (entry) cache.set(key, entry);
    }
}
