import type { BonusCardView } from '@cabinet/shared-types';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCardNumber } from './card-number';
import { Ean13Barcode } from './ean13-barcode';
import { QrCode } from './qr-code';

/** The card as it is shown at the till: its number, and the barcode or the QR code to scan. */
export function LoyaltyCard({ card, actions }: { card: BonusCardView; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<'barcode' | 'qr'>('barcode');
  const name = useId();
  const number = formatCardNumber(card.number);
  const active = card.status === 'active';
  return (
    <article className={active ? 'bonus-card' : 'bonus-card bonus-card--blocked'} aria-label={t('bonus.card.label', { number })}>
      <header className="bonus-card__header">
        <span className="bonus-card__brand">{t('bonus.card.brand')}</span>
        <span className="badge">{t(`bonus.card.kind.${card.kind}`)}</span>
        {active ? null : <span className="badge badge--warn">{t(`bonus.card.status.${card.status}`)}</span>}
      </header>
      <p className="bonus-card__number">{number}</p>
      {active ? (
        <>
          <div className="bonus-card__code">
            {code === 'barcode' ? (
              <Ean13Barcode value={card.barcode.value} label={t('bonus.card.barcodeLabel', { number })} />
            ) : (
              <QrCode data={card.barcode.value} label={t('bonus.card.qrLabel', { number })} />
            )}
          </div>
          <fieldset className="segmented-field bonus-card__switch">
            <legend className="visually-hidden">{t('bonus.card.codeKind')}</legend>
            <div className="segmented">
              {(['barcode', 'qr'] as const).map((value) => (
                <label key={value}>
                  <input type="radio" name={name} value={value} checked={code === value} onChange={() => setCode(value)} />
                  {t(`bonus.card.${value}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <p className="muted bonus-card__hint">{t('bonus.card.showAtTill')}</p>
        </>
      ) : (
        <p className="muted">
          {card.replacedBy ? t('bonus.card.replacedBy', { number: formatCardNumber(card.replacedBy) }) : t('bonus.card.blockedHint')}
        </p>
      )}
      {actions ? <footer className="bonus-card__actions">{actions}</footer> : null}
    </article>
  );
}
