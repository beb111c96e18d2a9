import { GuideTips, type GuideTip as Tip } from '@cabinet/shared-types';
import { useLocation } from 'react-router';
import { useDismissGuide, useGuideForTip } from '../api/guide';
import { useHelpT } from '../i18n/use-help-t';

/** Which section of the cabinet a path is (the tip shown over it). */
export function sectionOf(pathname: string): Tip | null {
  if (pathname === '/') return 'home';
  const first = pathname.split('/')[1] ?? '';
  if (first === 'cards') return 'payments';
  return (GuideTips as readonly string[]).includes(first) ? (first as Tip) : null;
}

/**
 * The onboarding guide: over each section, its tip until the customer closes it ("Got it") or the
 * whole guide ("Don't show tips again"); remembered on the server, so another device knows.
 */
export function GuideTip() {
  const { t } = useHelpT();
  const { pathname } = useLocation();
  const guide = useGuideForTip();
  const dismiss = useDismissGuide();
  const tip = sectionOf(pathname);
  if (!tip || !guide.data.pending.includes(tip)) return null;
  const n = GuideTips.indexOf(tip) + 1;
  return (
    <aside className="guide-tip" role="region" aria-label={t('guide.label')} aria-describedby="guide-tip-text">
      <p className="guide-tip__counter muted">{t('guide.counter', { n, total: GuideTips.length })}</p>
      <p className="guide-tip__title">
        <strong>{t(`guide.tips.${tip}.title`)}</strong>
      </p>
      <p id="guide-tip-text">{t(`guide.tips.${tip}.text`)}</p>
      <div className="button-row">
        <button type="button" onClick={() => dismiss.mutate({ tip })}>
          {t('guide.gotIt')}
        </button>
        <button type="button" className="secondary outline" onClick={() => dismiss.mutate({ all: true })}>
          {t('guide.dismissAll')}
        </button>
      </div>
    </aside>
  );
}
