import type { BonusTransferLimitsView } from '@cabinet/shared-types';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { FormAlert } from '@/shared/ui/form-alert';
import { ModalDialog } from '@/shared/ui/modal-dialog';
import { SubmitButton } from '@/shared/ui/submit-button';
import { TextField } from '@/shared/ui/text-field';
import { useTransferPoints } from '../api/transfer';
import { useBonusErrorMessage } from './bonus-error';
import { pointsText } from './points';

interface TransferDialogProps {
  open: boolean;
  balance: number;
  limits: BonusTransferLimitsView;
  onClose: () => void;
  onDone: (text: string) => void;
}

/** Points to another member by phone, within today's limits. */
export function TransferDialog({ open, balance, limits, onClose, onDone }: TransferDialogProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describe = useBonusErrorMessage();
  const transfer = useTransferPoints();
  const attempt = useAttemptKey();
  const [phone, setPhone] = useState('');
  const [points, setPoints] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; points?: string }>({});
  const [alert, setAlert] = useState<string | null>(null);
  const leftToday = limits.usedCount >= limits.dailyCount ? 0 : Math.max(0, limits.dailyPoints - limits.usedPoints);
  const most = Math.min(balance, leftToday);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const amount = Number(points.replace(/\s/g, ''));
    const next: typeof errors = {};
    if (phone.replace(/\D/g, '').length < 10) next.phone = t('common.invalidPhone');
    if (!Number.isInteger(amount) || amount < 1) next.points = t('bonus.transfer.pointsInvalid');
    else if (amount > most) next.points = t('bonus.transfer.tooMany', { value: pointsText(t, most, lang) });
    setErrors(next);
    if (Object.keys(next).length) return;
    setAlert(null);
    const request = { toPhone: phone, points: amount };
    transfer.mutate(
      { request, idempotencyKey: attempt.keyFor(request) },
      {
        onSuccess: (done) => {
          attempt.settle(null);
          setPhone('');
          setPoints('');
          onDone(t('bonus.transfer.done', { value: pointsText(t, done.points, lang), name: done.to.name }));
        },
        onError: (error) => {
          attempt.settle(error);
          if (error instanceof ApiError && (error.code === 'bonus_recipient_not_found' || error.code === 'bonus_transfer_to_self' || error.fieldError('toPhone'))) {
            setErrors({ phone: describe(error) });
          }
          setAlert(describe(error));
        },
      },
    );
  };

  return (
    <ModalDialog
      open={open}
      title={t('bonus.transfer.title')}
      onCancel={onClose}
      actions={
        <>
          <button type="button" className="secondary outline" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <SubmitButton form="bonus-transfer" pending={transfer.isPending}>
            {t('bonus.transfer.submit')}
          </SubmitButton>
        </>
      }
    >
      <form id="bonus-transfer" noValidate onSubmit={onSubmit} aria-label={t('bonus.transfer.title')}>
        <p className="muted">
          {t('bonus.transfer.limits', { count: limits.dailyCount, value: pointsText(t, limits.dailyPoints, lang) })}{' '}
          {t('bonus.transfer.leftToday', { value: pointsText(t, leftToday, lang) })}
        </p>
        <FormAlert>{alert}</FormAlert>
        <TextField label={t('bonus.transfer.phone')} type="tel" inputMode="tel" autoComplete="off" value={phone} error={errors.phone} onChange={(event) => setPhone(event.target.value)} />
        <TextField
          label={t('bonus.transfer.points')}
          inputMode="numeric"
          autoComplete="off"
          value={points}
          hint={t('bonus.transfer.most', { value: pointsText(t, most, lang) })}
          error={errors.points}
          onChange={(event) => setPoints(event.target.value.replace(/[^\d\s]/g, ''))}
        />
      </form>
    </ModalDialog>
  );
}
