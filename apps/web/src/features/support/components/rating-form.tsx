import { useId, useState, type FormEvent } from 'react';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { useCloseChat, type ChatSide } from '../api/chats';
import { useSupportError, useSupportT } from '../i18n/use-support-t';

/** 1–5 as radio buttons, an optional comment; closes the chat (or rates one the operator closed). */
export function RatingForm({ side, chatId, closed }: { side: ChatSide; chatId: string; closed: boolean }) {
  const { t } = useSupportT();
  const errorText = useSupportError();
  const id = useId();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [open, setOpen] = useState(closed);
  const close = useCloseChat(side, chatId);

  if (!open) {
    return (
      <p className="button-row">
        <button type="button" className="secondary outline" onClick={() => setOpen(true)}>
          {t('rating.close')}
        </button>
      </p>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) return;
    close.mutate({ rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };
  return (
    <form className="support-rating" onSubmit={submit}>
      <FormAlert>{close.isError ? errorText(close.error) : null}</FormAlert>
      <fieldset>
        <legend>{t('rating.legend')}</legend>
        <div className="support-rating__stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input type="radio" name={`${id}-rating`} value={n} checked={rating === n} onChange={() => setRating(n)} />
              <span aria-hidden="true">{'★'.repeat(n)}</span>
              <span className="visually-hidden">{t('rating.star', { count: n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('rating.comment')}</label>
        <textarea id={`${id}-comment`} rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <SubmitButton pending={close.isPending} disabled={rating === null}>
        {closed ? t('rating.rateOnly') : t('rating.submit')}
      </SubmitButton>
    </form>
  );
}
