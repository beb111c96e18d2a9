import { DeliveryMethods, type DeliveryMethod } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { SelectField } from '@/shared/ui/select-field';
import { TextField } from '@/shared/ui/text-field';
import { usePickupPoints } from '../api/orders';

/** Courier (with an address) or pick-up at the office (a pick-up point from the list, when the page offers one). */
export function DeliveryChoice({
  delivery,
  onDelivery,
  address,
  onAddress,
  error,
  pickupOfficeId,
  onPickupOffice,
}: {
  delivery: DeliveryMethod;
  onDelivery: (d: DeliveryMethod) => void;
  address: string;
  onAddress: (a: string) => void;
  error?: string;
  pickupOfficeId?: string;
  onPickupOffice?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const points = usePickupPoints(delivery === 'pickup' && !!onPickupOffice);
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
      {delivery === 'pickup' && onPickupOffice ? (
        <SelectField label={t('orders.pickupPoint')} value={pickupOfficeId ?? ''} onChange={(e) => onPickupOffice(e.target.value)} hint={t('orders.pickupHint')}>
          <option value="">{t('orders.anyOffice')}</option>
          {(points.data?.items ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}: {o.city}, {o.address}
            </option>
          ))}
        </SelectField>
      ) : null}
    </>
  );
}
