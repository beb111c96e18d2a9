import { useTranslation } from 'react-i18next';
import { CaptchaField } from '@/shared/ui/captcha-field';
import type { useCaptcha } from '@/shared/ui/use-captcha';

/** The picture of a public form, once the API asked for one. */
export function CaptchaBlock({ captcha, error, inputRef }: { captcha: ReturnType<typeof useCaptcha>; error?: string | null; inputRef?: (el: HTMLInputElement | null) => void }) {
  const { t } = useTranslation();
  if (!captcha.challenge) return null;
  return (
    <>
      <p className="muted">{t('connect.captchaWhy')}</p>
      <CaptchaField
        challenge={captcha.challenge}
        answer={captcha.answer}
        onAnswerChange={captcha.setAnswer}
        onRefresh={captcha.refresh}
        refreshing={captcha.refreshing}
        error={error}
        inputRef={inputRef}
      />
    </>
  );
}
