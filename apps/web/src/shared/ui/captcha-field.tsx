import type { CaptchaChallenge } from '@cabinet/shared-types';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/shared/ui/text-field';

interface CaptchaFieldProps {
  challenge: CaptchaChallenge;
  answer: string;
  onAnswerChange: (answer: string) => void;
  onRefresh: () => void;
  refreshing: boolean;
  error?: string | null;
  inputRef?: Ref<HTMLInputElement>;
}

/** The picture, an input for what it says, and "another picture". */
export function CaptchaField({
  challenge,
  answer,
  onAnswerChange,
  onRefresh,
  refreshing,
  error,
  inputRef,
}: CaptchaFieldProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="captcha">
      <legend>{t('login.captchaLegend')}</legend>
      <div className="captcha__picture">
        <img src={challenge.image} alt={t('login.captchaImage')} width={150} height={50} />
        <button
          type="button"
          className="secondary outline captcha__refresh"
          onClick={onRefresh}
          aria-busy={refreshing || undefined}
          disabled={refreshing}
        >
          {t('login.captchaRefresh')}
        </button>
      </div>
      <TextField
        ref={inputRef}
        label={t('login.captchaAnswer')}
        name="captcha"
        value={answer}
        onChange={(event) => onAnswerChange(event.target.value)}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        required
        error={error}
      />
    </fieldset>
  );
}
