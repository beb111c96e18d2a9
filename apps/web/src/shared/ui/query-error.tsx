import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n/error-message';

/** A failed load: what went wrong and a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
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
