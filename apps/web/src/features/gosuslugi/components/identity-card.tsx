import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { formatDate } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { QueryError } from '@/shared/ui/query-error';
import { useIdentities, useUnlinkEsia } from '../api/identities';

/** The profile's Gosuslugi section: linked or not, the verified data, unlink. */
export function IdentityCard() {
  const { t, i18n } = useTranslation();
  const describeError = useErrorMessage();
  const identities = useIdentities();
  const unlink = useUnlinkEsia();
  const [asking, setAsking] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const esia = identities.data?.items.find((i) => i.provider === 'esia');

  const onUnlink = () => {
    setAsking(false);
    setError(null);
    unlink.mutate(undefined, {
      onSuccess: () => setStatus(t('gosuslugi.unlinked')),
      onError: (failure) => setError(describeError(failure)),
    });
  };

  return (
    <article aria-labelledby="profile-gosuslugi">
      <h2 id="profile-gosuslugi">{t('gosuslugi.profileTitle')}</h2>
      <FormAlert tone="success">{status}</FormAlert>
      <FormAlert>{error}</FormAlert>
      {identities.isError ? <QueryError error={identities.error} onRetry={() => void identities.refetch()} /> : null}
      {identities.data && !esia ? <p className="muted">{t('gosuslugi.notLinked')}</p> : null}
      {esia ? (
        <>
          <p>
            <span className="badge badge--accent">{t('gosuslugi.linked')}</span> {t('gosuslugi.linkedAt', { date: formatDate(esia.linkedAt, i18n.language) })}
          </p>
          <dl className="details details--compact">
            <dt>{t('gosuslugi.fullName')}</dt>
            <dd>{[esia.verified.surname, esia.verified.name, esia.verified.patronymic].filter(Boolean).join(' ')}</dd>
            <dt>{t('gosuslugi.birthDate')}</dt>
            <dd>{esia.verified.birthDate ? formatDate(esia.verified.birthDate, i18n.language) : t('common.notSet')}</dd>
            <dt>{t('gosuslugi.passport')}</dt>
            <dd>{esia.verified.passport ? t('gosuslugi.passportValue', { series: esia.verified.passport.series, last: esia.verified.passport.number.slice(-3) }) : t('common.notSet')}</dd>
          </dl>
          <button type="button" className="secondary outline" disabled={unlink.isPending} aria-busy={unlink.isPending || undefined} onClick={() => setAsking(true)}>
            {t('gosuslugi.unlink')}
          </button>
        </>
      ) : null}
      <ModalDialog
        open={asking}
        role="alertdialog"
        title={t('gosuslugi.unlinkTitle')}
        onCancel={() => setAsking(false)}
        actions={
          <>
            <button type="button" className="secondary outline" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="contrast" onClick={onUnlink}>
              {t('gosuslugi.unlink')}
            </button>
          </>
        }
      >
        <p>{t('gosuslugi.unlinkText')}</p>
      </ModalDialog>
    </article>
  );
}
