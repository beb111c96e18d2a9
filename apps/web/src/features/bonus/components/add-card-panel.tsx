import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '@/shared/ui/form-alert';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useAttachCard, useCreateVirtualCard } from '../api/manage-cards';
import { useBonusErrorMessage } from './bonus-error';
import { formatCardNumber, parseCardNumber } from './card-number';

/** Attach a plastic card bought at a station, or create a virtual one. */
export function AddCardPanel({ canCreateVirtual, collapsed, onDone }: { canCreateVirtual: boolean; collapsed: boolean; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const describe = useBonusErrorMessage();
  const attach = useAttachCard();
  const virtual = useCreateVirtualCard();
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [alert, setAlert] = useState<string | null>(null);

  const onAttach = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCardNumber(number);
    if (!parsed) {
      setError(t('bonus.add.numberInvalid'));
      return;
    }
    setError(undefined);
    setAlert(null);
    attach.mutate(parsed, {
      onSuccess: (card) => {
        setNumber('');
        onDone(t('bonus.add.attached', { number: formatCardNumber(card.number) }));
      },
      onError: (failure) => setAlert(describe(failure)),
    });
  };

  const body = (
    <>
      <FormAlert>{alert}</FormAlert>
      <form noValidate onSubmit={onAttach} aria-label={t('bonus.add.attachLabel')} className="bonus-add__form">
        <TextField label={t('bonus.add.number')} inputMode="numeric" autoComplete="off" value={number} error={error} hint={t('bonus.add.numberHint')} onChange={(event) => setNumber(event.target.value)} />
        <SubmitButton pending={attach.isPending}>{t('bonus.add.attach')}</SubmitButton>
      </form>
      {canCreateVirtual ? (
        <p>
          <button
            type="button"
            className="secondary"
            aria-busy={virtual.isPending || undefined}
            disabled={virtual.isPending}
            onClick={() => {
              setAlert(null);
              virtual.mutate(undefined, {
                onSuccess: (card) => onDone(t('bonus.add.virtualCreated', { number: formatCardNumber(card.number) })),
                onError: (failure) => setAlert(describe(failure)),
              });
            }}
          >
            {t('bonus.add.createVirtual')}
          </button>{' '}
          <span className="muted">{t('bonus.add.virtualHint')}</span>
        </p>
      ) : null}
    </>
  );

  // A member adds a card now and then: folded away; someone without a card sees it at once.
  return collapsed ? (
    <details className="bonus-add">
      <summary className="section-title">{t('bonus.add.title')}</summary>
      {body}
    </details>
  ) : (
    <section aria-labelledby="bonus-add-title" className="bonus-add">
      <h2 id="bonus-add-title" className="section-title">
        {t('bonus.add.title')}
      </h2>
      {body}
    </section>
  );
}
