import type { AccountView } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/shared/lib/format-money';

/** The balance; a low one is marked with words and an icon, not by colour alone. */
export function Balance({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  return (
    <div className={account.lowBalance ? 'balance balance--low' : 'balance'}>
      <span className="balance__label">{t('accounts.balance')}</span>{' '}
      <strong className="balance__amount" data-testid={`balance-${account.number}`}>
        {formatMoney(account.balance, i18n.language)}
      </strong>
      {account.lowBalance ? (
        <p className="balance__warning">
          <span aria-hidden="true">⚠ </span>
          {t('accounts.lowBalance')}
        </p>
      ) : null}
    </div>
  );
}
