/**
 * Wide content (display equations, tables, figures) scrolls sideways inside its own box instead of
 * being cut off or shrunk. A box that overflows gets a visible cue (`.overflowing`: shadows at the
 * scrollable edges, see style.css), a label naming what scrolls, and `tabindex=0` so keyboard users
 * can scroll it too; a box that fits loses all three again (on resize).
 */
const SELECTOR = '.math-display, .table-wrap, .figure, pre';

const NAMES: Record<string, string> = {
  'math-display': 'Equation (scrolls sideways)',
  'table-wrap': 'Table (scrolls sideways)',
  figure: 'Figure (scrolls sideways)',
};

function nameOf(el: HTMLElement): string {
  for (const [cls, name] of Object.entries(NAMES)) if (el.classList.contains(cls)) return name;
  return 'Code (scrolls sideways)';
}

export function markScrollables(root: HTMLElement): void {
  const boxes = [
    ...(root.matches(SELECTOR) ? [root] : []),
    ...root.querySelectorAll<HTMLElement>(SELECTOR),
  ];
  for (const el of boxes) {
    const overflows = el.scrollWidth > el.clientWidth + 1;
    if (overflows === el.classList.contains('overflowing')) continue;
    el.classList.toggle('overflowing', overflows);
    if (overflows) {
      el.tabIndex = 0;
      // A figure keeps its own role and label (the SVG's description).
      if (!el.hasAttribute('role')) {
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', nameOf(el));
        el.dataset.scrollLabel = '1';
      }
    } else {
      el.removeAttribute('tabindex');
      if (el.dataset.scrollLabel) {
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
        delete el.dataset.scrollLabel;
      }
    }
  }
}

/** Marks the scrollable boxes under `root` now and whenever its width changes; returns a stop. */
export function watchScrollables(root: HTMLElement): () => void {
  markScrollables(root);
  if (typeof ResizeObserver === 'undefined') return () => {};
  const ro = new ResizeObserver(() => markScrollables(root));
  ro.observe(root);
  return () => ro.disconnect();
}
