import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * The page's <h1>: sets document.title and, after in-app navigation, moves focus to the
 * heading so screen-reader users hear where they arrived (the first page keeps natural focus).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected || active.closest('nav, header')) {
      ref.current?.focus({ preventScroll: false });
    }
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
