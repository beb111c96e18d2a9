import type { TariffView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { TariffFacts } from '@/shared/ui/tariff-facts';

export function TariffCard({ tariff }: { tariff: TariffView }) {
  const { t } = useTranslation();
  const headingId = `tariff-${tariff.id}`;
  return (
    <article className="tariff-card" aria-labelledby={headingId}>
      <header className="tariff-card__header">
        <h2 id={headingId} className="tariff-card__name">
          {tariff.name}
        </h2>
        <span className="badge">{t(`providers.${tariff.provider}`, { defaultValue: tariff.provider })}</span>
        <span className="badge badge--email">{t(`accountKind.${tariff.kind}`)}</span>
      </header>
      <p className="muted">{tariff.description}</p>
      <TariffFacts tariff={tariff} />
    </article>
  );
}
