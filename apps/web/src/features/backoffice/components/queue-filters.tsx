import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SelectField } from '@/shared/ui/select-field';
import { TextField } from '@/shared/ui/text-field';

/** Status (open by default) and a search box, kept in the URL so a queue view can be shared. */
export function useQueueParams() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const q = params.get('q') ?? '';
  const set = (next: { status?: string; q?: string }) => {
    const search = new URLSearchParams();
    const s = next.status ?? status;
    const text = next.q ?? q;
    if (s !== 'open') search.set('status', s);
    if (text) search.set('q', text);
    setParams(search, { replace: true });
  };
  return { status, q, set };
}

export function QueueFilters({ statuses, params, searchHint }: { statuses: readonly string[]; params: ReturnType<typeof useQueueParams>; searchHint: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(params.q);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    params.set({ q: text.trim() });
  };
  return (
    <form className="catalog__filters queue__filters" aria-label={t('backoffice.filters')} onSubmit={onSubmit}>
      <SelectField label={t('backoffice.status')} value={params.status} onChange={(e) => params.set({ status: e.target.value })}>
        <option value="open">{t('backoffice.openOnly')}</option>
        <option value="all">{t('backoffice.allStatuses')}</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {t(`requestStatus.${s}`, { defaultValue: s })}
          </option>
        ))}
      </SelectField>
      <div className="numbers__digits">
        <TextField label={t('backoffice.search')} hint={searchHint} value={text} onChange={(e) => setText(e.target.value)} type="search" />
        <button type="submit" className="secondary">
          {t('backoffice.find')}
        </button>
      </div>
    </form>
  );
}
