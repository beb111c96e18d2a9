import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { useEndOtherSessions, useEndSession } from '../api/end-session';
import { useSessions } from '../api/get-sessions';
import { SessionCard } from '../components/session-card';

export function SessionsPage() {
  const { t } = useTranslation();
  const describeError = useErrorMessage();
  const sessions = useSessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];
  const hasOthers = items.some((session) => !session.current);

  const onEnd = (id: string, current: boolean) => {
    setStatus(null);
    setError(null);
    endOne.mutate(
      { id, current },
      {
        onSuccess: () => setStatus(t('sessions.ended')),
        onError: (failure) => setError(describeError(failure)),
      },
    );
  };

  const onEndOthers = () => {
    setConfirming(false);
    setStatus(null);
    setError(null);
    endOthers.mutate(undefined, {
      onSuccess: (count) => setStatus(t('sessions.endOthersDone', { count })),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <>
      <PageHeading title={t('sessions.title')}>{t('sessions.title')}</PageHeading>
      <p className="muted">{t('sessions.intro')}</p>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {sessions.isPending ? <PageLoader /> : null}
      {sessions.isError ? <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {sessions.data ? (
        <>
          {hasOthers ? (
            <p>
              <button
                type="button"
                className="contrast"
                aria-busy={endOthers.isPending || undefined}
                disabled={endOthers.isPending}
                onClick={() => setConfirming(true)}
              >
                {t('sessions.endOthers')}
              </button>
            </p>
          ) : (
            <p className="muted">{t('sessions.none')}</p>
          )}
          <ul className="session-list">
            {items.map((session) => (
              <li key={session.id}>
                <SessionCard
                  session={session}
                  ending={endOne.isPending && endOne.variables?.id === session.id}
                  onEnd={() => onEnd(session.id, session.current)}
                />
              </li>
            ))}
          </ul>
          {sessions.hasNextPage ? (
            <button
              type="button"
              className="secondary outline"
              aria-busy={sessions.isFetchingNextPage || undefined}
              onClick={() => void sessions.fetchNextPage()}
            >
              {t('sessions.loadMore')}
            </button>
          ) : null}
        </>
      ) : null}
      <ModalDialog
        open={confirming}
        role="alertdialog"
        title={t('sessions.confirmTitle')}
        onCancel={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" onClick={onEndOthers}>
              {t('sessions.confirm')}
            </button>
          </>
        }
      >
        <p>{t('sessions.endOthersConfirm')}</p>
      </ModalDialog>
    </>
  );
}
