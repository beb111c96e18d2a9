import type { FaqQuestionView } from '@cabinet/shared-types';
import { useState } from 'react';
import { useFaqVote } from '../api/faq';
import { useSupportT } from '../i18n/use-support-t';

/** A question that opens to its answer, with "was this helpful?". */
export function FaqItem({ q, signedIn, snippet }: { q: FaqQuestionView; signedIn: boolean; snippet?: string }) {
  const { t } = useSupportT();
  const vote = useFaqVote(signedIn);
  const [voted, setVoted] = useState<boolean | null>(null);
  return (
    <details>
      <summary>{q.question}</summary>
      {snippet ? <p className="muted">{snippet}</p> : null}
      <p>{q.answer}</p>
      <div className="support-faq__vote" role="group" aria-label={t('help.helpful')}>
        <span>{t('help.helpful')}</span>
        {[true, false].map((helpful) => (
          <button
            key={String(helpful)}
            type="button"
            className={voted === helpful ? '' : 'secondary outline'}
            aria-pressed={voted === helpful}
            disabled={vote.isPending}
            onClick={() => vote.mutate({ id: q.id, helpful }, { onSuccess: () => setVoted(helpful) })}
          >
            {helpful ? t('help.yes') : t('help.no')}
          </button>
        ))}
        {voted !== null ? <span role="status">{t('help.voted')}</span> : null}
      </div>
    </details>
  );
}
