import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorMessage } from '@/shared/i18n/error-message';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { confirmSubscription } from '../api/news';

/** /newsletter/confirm?token=… — the link from the confirmation e-mail. */
export function NewsletterConfirmPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useMutation({ mutationFn: confirmSubscription });
  const { mutate } = confirm;
  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);
  return (
    <>
      <PageHeading title={t('newsletter.confirmTitle')}>{t('newsletter.confirmTitle')}</PageHeading>
      {!token ? <FormAlert>{t('errors.newsletter_token_invalid')}</FormAlert> : null}
      {confirm.isPending ? <PageLoader /> : null}
      {confirm.isSuccess ? <FormAlert tone="success">{t('newsletter.confirmed', { email: confirm.data.email })}</FormAlert> : null}
      {confirm.isError ? <FormAlert>{message(confirm.error)}</FormAlert> : null}
      <p>
        <Link to="/news">{t('news.back')}</Link>
      </p>
    </>
  );
}
