import type { CorporateLineView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { formatMoney } from '@/shared/lib/format-money';
import { formatPhone } from '@/shared/lib/format-phone';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { TextField } from '@/shared/ui/text-field';
import { useSetLimit } from '../api/corporate';
import { useCorporateError, useCorporateT } from '../i18n/use-corporate-t';

/** Sets or lifts a line's monthly limit. */
export function LimitDialog({ companyId, line, onClose, onDone }: { companyId: string; line: CorporateLineView | null; onClose: () => void; onDone: (text: string) => void }) {
  const { t, language } = useCorporateT();
  const describe = useCorporateError();
  const mutation = useSetLimit(companyId);
  // Mounted per line (keyed by the caller), so the field starts from the line's limit.
  const [value, setValue] = useState(() => (line?.monthlyLimit ? roublesInput(line.monthlyLimit.amount, language) : ''));
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const msisdn = line ? formatPhone(line.msisdn) : '';

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!line) return;
    const kopecks = parseRoubles(value);
    if (!kopecks) {
      setError(t('limit.invalid'));
      return;
    }
    setError(null);
    const amount = { amount: kopecks, currency: 'RUB' as const };
    mutation.mutate({ lineId: line.lineId, amount }, { onSuccess: () => onDone(t('limit.saved', { msisdn, amount: formatMoney(amount, language) })), onError: (e) => setAlert(describe(e)) });
  };
  const lift = () => {
    if (!line) return;
    mutation.mutate({ lineId: line.lineId, amount: null }, { onSuccess: () => onDone(t('limit.lifted', { msisdn })), onError: (e) => setAlert(describe(e)) });
  };

  return (
    <ModalDialog
      open={line !== null}
      title={t('limit.title', { msisdn })}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('limit.cancel')}
          </button>
          {line?.monthlyLimit ? (
            <button type="button" className="secondary" onClick={lift} disabled={mutation.isPending}>
              {t('limit.lift')}
            </button>
          ) : null}
          <button type="submit" form="limit-form" aria-busy={mutation.isPending || undefined} disabled={mutation.isPending}>
            {t('limit.save')}
          </button>
        </>
      }
    >
      <form id="limit-form" onSubmit={save} noValidate>
        <TextField label={t('limit.amount')} hint={t('limit.hint')} value={value} onChange={(e) => setValue(e.target.value)} error={error} inputMode="decimal" autoFocus />
        <FormAlert>{alert}</FormAlert>
      </form>
    </ModalDialog>
  );
}
