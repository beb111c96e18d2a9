import { DeliveryMethods, type DeliveryMethod } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/shared/ui/text-field';

/** Courier (with an address) or pick-up at the office. */
export function DeliveryChoice({ delivery, onDelivery, address, onAddress, error }: { delivery: DeliveryMethod; onDelivery: (d: DeliveryMethod) => void; address: string; onAddress: (a: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('orders.delivery')}</legend>
        {DeliveryMethods.map((d) => (
          <label key={d} className="checkbox">
            <input type="radio" name="delivery" value={d} checked={delivery === d} onChange={() => onDelivery(d)} />
            {t(`orders.deliveryMethods.${d}`)}
          </label>
        ))}
      </fieldset>
      {delivery === 'courier' ? <TextField label={t('orders.address')} value={address} onChange={(e) => onAddress(e.target.value)} error={error} autoComplete="street-address" required /> : null}
    </>
  );
}
