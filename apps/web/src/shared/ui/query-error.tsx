import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/api-error';
import { useErrorMessage } from '../i18n/error-message';

/**
 * A failed load: what went wrong and a way to try again. On a page about one record (`notFound`), a 404 —
 * or a 400 for an id that cannot exist — is not a failure to retry: the record is not there (or not yours).
 */
export function QueryError({ error, onRetry, notFound = false }: { error: unknown; onRetry?: () => void; notFound?: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (notFound && error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <div role="alert" className="form-alert form-alert--error">
        <p>{t('notFound.item')}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="form-alert form-alert--error">
      <p>
        {t('common.loadFailed')} {message(error)}
      </p>
      {onRetry ? (
        <button type="button" className="secondary outline" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
