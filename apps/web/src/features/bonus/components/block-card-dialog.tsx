import { BonusBlockReasons, type BonusBlockReason, type BonusCardView } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useBlockCard } from '../api/manage-cards';
import { useBonusErrorMessage } from './bonus-error';
import { formatCardNumber, parseCardNumber } from './card-number';

type Replacement = 'none' | 'plastic' | 'virtual';

/** Blocks a lost card; the points stay (they are the member's), on the new card at once if one is given. */
export function BlockCardDialog({ card, onClose, onDone }: { card: BonusCardView | null; onClose: () => void; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const describe = useBonusErrorMessage();
  const block = useBlockCard();
  const reasonId = useId();
  const formId = useId();
  const [reason, setReason] = useState<BonusBlockReason>('lost');
  const [replacement, setReplacement] = useState<Replacement>('none');
  const [number, setNumber] = useState('');
  const [numberError, setNumberError] = useState<string | undefined>();
  const [alert, setAlert] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!card) return;
    const parsed = replacement === 'plastic' ? parseCardNumber(number) : null;
    if (replacement === 'plastic' && !parsed) {
      setNumberError(t('bonus.add.numberInvalid'));
      return;
    }
    setNumberError(undefined);
    setAlert(null);
    block.mutate(
      { cardId: card.id, reason, ...(parsed ? { replacementCardNumber: parsed } : {}), ...(replacement === 'virtual' ? { replaceWithVirtual: true } : {}) },
      {
        onSuccess: (result) => {
          setNumber('');
          setReplacement('none');
          onDone(
            result.replacement
              ? t('bonus.block.doneReplaced', { number: formatCardNumber(result.blocked.number), next: formatCardNumber(result.replacement.number) })
              : t('bonus.block.done', { number: formatCardNumber(result.blocked.number) }),
          );
        },
        onError: (error) => setAlert(describe(error)),
      },
    );
  };

  return (
    <ModalDialog
      open={card !== null}
      title={t('bonus.block.title', { number: card ? formatCardNumber(card.number) : '' })}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton form={formId} pending={block.isPending}>
            {t('bonus.block.submit')}
          </SubmitButton>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={onSubmit} aria-label={t('bonus.block.formLabel')}>
        <p>{t('bonus.block.intro')}</p>
        <FormAlert>{alert}</FormAlert>
        <div className="field">
          <label htmlFor={reasonId}>{t('bonus.block.reason')}</label>
          <select id={reasonId} value={reason} onChange={(event) => setReason(event.target.value as BonusBlockReason)}>
            {BonusBlockReasons.map((value) => (
              <option key={value} value={value}>
                {t(`bonus.block.reasons.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('bonus.block.replacement')}</legend>
          {(['none', 'plastic', 'virtual'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" name="replacement" value={value} checked={replacement === value} onChange={() => setReplacement(value)} />
              {t(`bonus.block.replace.${value}`)}
            </label>
          ))}
        </fieldset>
        {replacement === 'plastic' ? (
          <TextField label={t('bonus.add.number')} inputMode="numeric" autoComplete="off" value={number} error={numberError} hint={t('bonus.add.numberHint')} onChange={(event) => setNumber(event.target.value)} />
        ) : null}
      </form>
    </ModalDialog>
  );
}
