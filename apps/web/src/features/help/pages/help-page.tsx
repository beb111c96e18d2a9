import { HelpSections, type HelpVideoView } from '@cabinet/shared-types';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useVideos } from '../api/documents';
import { useResetGuide } from '../api/guide';
import { PushToggle } from '../components/push-toggle';
import { useHelpT } from '../i18n/use-help-t';

/** /help — video guides per section, the tips switched back on, browser notifications, links. */
export function HelpPage() {
  const { t } = useHelpT();
  const videos = useVideos();
  const reset = useResetGuide();
  const [restarted, setRestarted] = useState(false);
  const bySection = (section: string): HelpVideoView[] => (videos.data?.items ?? []).filter((v) => v.section === section);

  return (
    <section className="help">
      <PageHeading title={t('help.title')}>{t('help.title')}</PageHeading>
      <p>{t('help.lead')}</p>
      <h2>{t('help.videos')}</h2>
      {videos.isPending ? <PageLoader /> : null}
      {videos.isError ? <QueryError error={videos.error} onRetry={() => void videos.refetch()} /> : null}
      {videos.data && videos.data.items.length === 0 ? <p>{t('help.noVideos')}</p> : null}
      {videos.data?.items.length ? (
        <div className="help-videos">
          {HelpSections.filter((s) => bySection(s).length).map((section) => (
            <section key={section} aria-labelledby={`videos-${section}`}>
              <h3 id={`videos-${section}`}>{t(`help.sections.${section}`)}</h3>
              <ul>
                {bySection(section).map((v) => (
                  <li key={v.id}>
                    <a href={v.url} target="_blank" rel="noopener noreferrer" aria-label={t('help.watch', { title: v.title })}>
                      {v.title}
                    </a>{' '}
                    <span className="muted">{t('help.minutes', { min: Math.floor(v.durationSeconds / 60), sec: v.durationSeconds % 60 })}</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="guide-title">
        <h2 id="guide-title">{t('help.guide')}</h2>
        <p>{t('help.guideLead')}</p>
        <button
          type="button"
          className="secondary"
          aria-busy={reset.isPending || undefined}
          disabled={reset.isPending}
          onClick={() => reset.mutate(undefined, { onSuccess: () => setRestarted(true) })}
        >
          {t('help.guideRestart')}
        </button>
        {restarted ? <p role="status">{t('help.guideRestarted')}</p> : null}
      </section>

      <PushToggle />

      <h2>{t('help.links')}</h2>
      <ul>
        <li>
          <Link to="/speedtest">{t('help.speedtest')}</Link>
        </li>
        <li>
          <Link to="/offices">{t('help.offices')}</Link>
        </li>
        <li>
          <Link to="/about">{t('help.about')}</Link>
        </li>
      </ul>
    </section>
  );
}
