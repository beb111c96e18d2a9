import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { unsubscribe } from '../api/news';

/**
 * /newsletter/unsubscribe?email=…&token=… — the link in every issue; no sign-in. Opening the page changes
 * nothing (link scanners open links too); the button unsubscribes.
 */
export function NewsletterUnsubscribePage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const action = useMutation({ mutationFn: () => unsubscribe(email, token) });
  return (
    <>
      <PageHeading title={t('newsletter.unsubscribeTitle')}>{t('newsletter.unsubscribeTitle')}</PageHeading>
      {action.isSuccess ? (
        <FormAlert tone="success">{t('newsletter.unsubscribed', { email: action.data.email })}</FormAlert>
      ) : (
        <>
          <p>{t('newsletter.unsubscribeAsk', { email })}</p>
          {action.isError ? <FormAlert>{message(action.error)}</FormAlert> : null}
          <button type="button" disabled={!email || !token || action.isPending} onClick={() => action.mutate()}>
            {t('newsletter.unsubscribe')}
          </button>
        </>
      )}
      <p>
        <Link to="/news">{t('news.back')}</Link>
      </p>
    </>
  );
}
