import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A key or signing secret shown once: copy it now, it is never shown again. */
export function SecretReveal({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="secret-reveal" aria-labelledby={id}>
      <h3 id={id}>{label}</h3>
      <p className="secret-reveal__warning">{t('integrations.shownOnce')}</p>
      <output className="secret-reveal__value" aria-label={label}>
        {value}
      </output>
      <div className="button-row">
        <button type="button" className="secondary outline" onClick={() => void copy()}>
          {copied ? t('integrations.copied') : t('integrations.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('integrations.savedIt')}
        </button>
      </div>
    </section>
  );
}
