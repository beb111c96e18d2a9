import type { ReactNode } from 'react';

/**
 * The wrapper that lets a wide table scroll sideways on a phone. A keyboard user must be able to
 * scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable), so it takes the focus; with a
 * `label` it is a named region a screen reader can jump to.
 */
export function TableScroll({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role={label ? 'region' : undefined} aria-label={label}>
      {children}
    </div>
  );
}
