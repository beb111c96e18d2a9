import type { NewsImageInput, NewsKind } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/shared/api/me';
import { useErrorMessage, useFieldErrorMessage } from '@/shared/i18n/error-message';
import { formatDateTime } from '@/shared/lib/format-date';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useArchiveNews, useCreateNews, useSendNewsletter, useStaffNews } from '../api/backoffice-news';

const readImage = (file: File): Promise<NewsImageInput> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ contentType: file.type, data: String(reader.result).split(',')[1] ?? '', alt: file.name });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** /backoffice/news — every item with its state; admins write, schedule, archive and send the newsletter. */
export function BackofficeNewsPage() {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const fieldError = useFieldErrorMessage();
  const me = useMe();
  const admin = me.data?.role === 'admin';
  const news = useStaffNews();
  const create = useCreateNews();
  const archive = useArchiveNews();
  const send = useSendNewsletter();
  const [form, setForm] = useState({ kind: 'news' as NewsKind, slug: '', title: '', summary: '', body: '', publishedAt: '', endsAt: '', imageAlt: '' });
  const [image, setImage] = useState<File | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const img = image ? { ...(await readImage(image)), alt: form.imageAlt || form.title } : null;
    create.mutate(
      {
        kind: form.kind,
        slug: form.slug,
        title: form.title,
        summary: form.summary,
        body: form.body,
        publishedAt: form.publishedAt ? new Date(form.publishedAt).toISOString() : null,
        endsAt: form.kind === 'promotion' && form.endsAt ? new Date(form.endsAt).toISOString() : null,
        image: img,
      },
      { onSuccess: () => setForm({ kind: 'news', slug: '', title: '', summary: '', body: '', publishedAt: '', endsAt: '', imageAlt: '' }) },
    );
  };

  const items = news.data?.items ?? [];
  return (
    <>
      <PageHeading title={t('backoffice.news.title')}>{t('backoffice.news.title')}</PageHeading>
      {news.isPending ? <PageLoader /> : null}
      {news.isError ? <QueryError error={news.error} onRetry={() => void news.refetch()} /> : null}
      {archive.isError ? <FormAlert>{message(archive.error)}</FormAlert> : null}
      {send.isSuccess ? <FormAlert tone="success">{t('backoffice.news.sent', { count: send.data.queued })}</FormAlert> : null}
      {items.length ? (
        <ul className="tx-list" aria-label={t('backoffice.news.listLabel')}>
          {items.map((n) => (
            <li key={n.id} className="tx">
              <div className="tx__main">
                <span className="tx__description">{n.title}</span>
                <span className="tx__meta">
                  {t(`backoffice.news.kind.${n.kind}`)} · {t(`backoffice.news.state.${n.state}`)}
                  {n.publishedAt ? <> · <time dateTime={n.publishedAt}>{formatDateTime(n.publishedAt, i18n.language)}</time></> : null}
                  {n.kind === 'promotion' ? <> · {t('backoffice.news.participants', { count: n.participants })}</> : null}
                </span>
              </div>
              {admin && n.state !== 'archived' ? (
                <div className="button-row">
                  {n.state === 'published' ? (
                    <button type="button" className="secondary outline" onClick={() => send.mutate(n.id)}>
                      {t('backoffice.news.send')}
                    </button>
                  ) : null}
                  <button type="button" className="secondary outline" onClick={() => archive.mutate(n.id)} aria-label={t('backoffice.news.archiveItem', { title: n.title })}>
                    {t('backoffice.news.archive')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {admin ? (
        <form onSubmit={(e) => void onSubmit(e)} className="card" aria-labelledby="news-editor">
          <h2 id="news-editor">{t('backoffice.news.new')}</h2>
          {create.isError ? <FormAlert>{message(create.error)}</FormAlert> : null}
          {create.isSuccess ? <FormAlert tone="success">{t('backoffice.news.created')}</FormAlert> : null}
          <SelectField label={t('backoffice.news.kindLabel')} value={form.kind} onChange={set('kind')}>
            <option value="news">{t('backoffice.news.kind.news')}</option>
            <option value="promotion">{t('backoffice.news.kind.promotion')}</option>
          </SelectField>
          <TextField label={t('backoffice.news.slug')} hint={t('backoffice.news.slugHint')} required value={form.slug} onChange={set('slug')} error={fieldError(create.error, 'slug')} />
          <TextField label={t('backoffice.news.titleLabel')} required value={form.title} onChange={set('title')} error={fieldError(create.error, 'title')} />
          <TextField label={t('backoffice.news.summary')} required value={form.summary} onChange={set('summary')} error={fieldError(create.error, 'summary')} />
          <div className="field">
            <label htmlFor="news-body">{t('backoffice.news.body')}</label>
            <textarea id="news-body" required rows={6} value={form.body} onChange={set('body')} />
          </div>
          <TextField label={t('backoffice.news.publishedAt')} hint={t('backoffice.news.publishedAtHint')} type="datetime-local" value={form.publishedAt} onChange={set('publishedAt')} />
          {form.kind === 'promotion' ? <TextField label={t('backoffice.news.endsAt')} type="datetime-local" value={form.endsAt} onChange={set('endsAt')} /> : null}
          <div className="field">
            <label htmlFor="news-image">{t('backoffice.news.image')}</label>
            <input id="news-image" type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => setImage(e.target.files?.[0] ?? null)} />
          </div>
          {image ? <TextField label={t('backoffice.news.imageAlt')} value={form.imageAlt} onChange={set('imageAlt')} /> : null}
          <SubmitButton pending={create.isPending}>{t('backoffice.news.save')}</SubmitButton>
        </form>
      ) : null}
    </>
  );
}
