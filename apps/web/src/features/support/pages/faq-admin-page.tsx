import type { FaqAdminCategoryView, FaqAdminQuestionView } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { PageLoader } from '@/shared/ui/page-loader';
import { QueryError } from '@/shared/ui/query-error';
import { SelectField } from '@/shared/ui/select-field';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useCreateCategory, useCreateQuestion, useDeleteCategory, useDeleteQuestion, useFaqAdmin, useUpdateQuestion } from '../api/faq';
import { useSupportError, useSupportT } from '../i18n/use-support-t';
import '../support.css';

/** /backoffice/faq — admins edit the FAQ: sections, questions and answers, what is published. */
export function FaqAdminPage() {
  const { t } = useSupportT();
  const faq = useFaqAdmin();
  return (
    <div className="support-page">
      <PageHeading title={t('faqAdmin.title')}>{t('faqAdmin.title')}</PageHeading>
      {faq.isPending ? <PageLoader /> : null}
      {faq.isError ? <QueryError error={faq.error} onRetry={() => void faq.refetch()} /> : null}
      {faq.data ? (
        <>
          <QuestionForm categories={faq.data} />
          {faq.data.map((c) => (
            <CategorySection key={c.id} c={c} categories={faq.data} />
          ))}
          <CategoryForm />
        </>
      ) : null}
    </div>
  );
}

function CategorySection({ c, categories }: { c: FaqAdminCategoryView; categories: FaqAdminCategoryView[] }) {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const remove = useDeleteCategory();
  return (
    <section aria-labelledby={`cat-${c.id}`}>
      <h2 id={`cat-${c.id}`}>
        {c.title} <small className="muted">({c.slug})</small>
      </h2>
      {c.questions.map((q) => (
        <QuestionRow key={q.id} q={q} categories={categories} />
      ))}
      {!c.questions.length ? (
        <p className="button-row">
          <button type="button" className="secondary outline" onClick={() => remove.mutate(c.id)} disabled={remove.isPending}>
            {t('faqAdmin.delete')}: {c.title}
          </button>
          {remove.isError ? <span role="alert">{errorText(remove.error)}</span> : null}
        </p>
      ) : null}
    </section>
  );
}

function QuestionRow({ q, categories }: { q: FaqAdminQuestionView; categories: FaqAdminCategoryView[] }) {
  const { t } = useSupportT();
  const [editing, setEditing] = useState(false);
  const remove = useDeleteQuestion();
  if (editing) return <QuestionForm categories={categories} q={q} onDone={() => setEditing(false)} />;
  return (
    <details>
      <summary>
        {q.question} {q.published ? null : <span className="badge">{t('faqAdmin.hidden')}</span>}
      </summary>
      <p>{q.answer}</p>
      <p className="muted">{t('faqAdmin.votes', { yes: q.helpfulYes, no: q.helpfulNo })}</p>
      <p className="button-row">
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          {t('faqAdmin.edit')}
        </button>
        <button type="button" className="secondary outline" disabled={remove.isPending} onClick={() => remove.mutate(q.id)}>
          {t('faqAdmin.delete')}
        </button>
      </p>
    </details>
  );
}

/** A new question (no `q`) or an edit of one. */
function QuestionForm({ categories, q, onDone }: { categories: FaqAdminCategoryView[]; q?: FaqAdminQuestionView; onDone?: () => void }) {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const id = useId();
  const [categoryId, setCategoryId] = useState(q?.categoryId ?? categories[0]?.id ?? '');
  const [question, setQuestion] = useState(q?.question ?? '');
  const [answer, setAnswer] = useState(q?.answer ?? '');
  const [published, setPublished] = useState(q?.published ?? true);
  const [done, setDone] = useState(false);
  const create = useCreateQuestion();
  const update = useUpdateQuestion();
  const m = q ? update : create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const body = { categoryId, question: question.trim(), answer: answer.trim(), published };
    const onSuccess = () => {
      setDone(true);
      if (!q) {
        setQuestion('');
        setAnswer('');
      }
      onDone?.();
    };
    if (q) update.mutate({ id: q.id, ...body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };
  if (!categories.length) return null;
  return (
    <form onSubmit={submit} aria-labelledby={q ? undefined : `${id}-title`} aria-label={q ? t('faqAdmin.edit') : undefined}>
      {q ? null : <h2 id={`${id}-title`}>{t('faqAdmin.newQuestion')}</h2>}
      <FormAlert tone={done && !m.isError ? 'success' : 'error'}>{m.isError ? errorText(m.error) : done ? t('faqAdmin.saved') : null}</FormAlert>
      <SelectField label={t('faqAdmin.category')} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
        {categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </SelectField>
      <TextField label={t('faqAdmin.question')} value={question} onChange={(e) => setQuestion(e.target.value)} required maxLength={500} />
      <div className="field">
        <label htmlFor={`${id}-answer`}>{t('faqAdmin.answer')}</label>
        <textarea id={`${id}-answer`} rows={4} required maxLength={10000} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </div>
      <label>
        <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} /> {t('faqAdmin.published')}
      </label>
      <p className="button-row">
        <SubmitButton pending={m.isPending}>{q ? t('faqAdmin.save') : t('faqAdmin.add')}</SubmitButton>
        {q ? (
          <button type="button" className="secondary outline" onClick={onDone}>
            {t('faqAdmin.cancel')}
          </button>
        ) : null}
      </p>
    </form>
  );
}

function CategoryForm() {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const [slug, setSlug] = useState('');
  const [title, setTitle] = useState('');
  const create = useCreateCategory();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { slug: slug.trim(), title: title.trim() },
      {
        onSuccess: () => {
          setSlug('');
          setTitle('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="faq-new-category">
      <h2 id="faq-new-category">{t('faqAdmin.newCategory')}</h2>
      <FormAlert>{create.isError ? errorText(create.error) : null}</FormAlert>
      <TextField label={t('faqAdmin.slug')} value={slug} onChange={(e) => setSlug(e.target.value)} required pattern="[a-z0-9-]{1,60}" maxLength={60} />
      <TextField label={t('faqAdmin.categoryTitle')} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      <SubmitButton pending={create.isPending}>{t('faqAdmin.add')}</SubmitButton>
    </form>
  );
}
