import type { ReactNode } from 'react';

/**
 * A live region for a form's outcome. It is always in the DOM so screen readers pick up
 * what appears in it: errors assertively (role=alert), confirmations politely (role=status).
 */
export function FormAlert({ children, tone = 'error' }: { children?: ReactNode; tone?: 'error' | 'success' | 'info' }) {
  const hasContent = children !== null && children !== undefined && children !== false && children !== '';
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={hasContent ? `form-alert form-alert--${tone}` : 'form-alert form-alert--empty'}
    >
      {hasContent ? children : null}
    </div>
  );
}
