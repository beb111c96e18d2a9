import { BonusCategories, type BonusCategory, type BonusPurchaseView, type BonusQuoteView, type BonusReceiptItem } from '@cabinet/shared-types';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/shared/api/api-error';
import { useAttemptKey } from '@/shared/api/attempt-key';
import { formatMoney } from '@/shared/lib/format-money';
import { parseRoubles } from '@/shared/lib/parse-money';
import { FormAlert } from '@/shared/ui/form-alert';
import { PageHeading } from '@/shared/ui/page-heading';
import { TextField } from '@/shared/ui/text-field';
import { useTillCards, useTillPurchase, useTillQuote, useTillRefund } from '../api/till';
import { useBonusErrorMessage } from '../components/bonus-error';
import { formatCardNumber, parseCardNumber } from '../components/card-number';
import { pointsText } from '../components/points';

const PRESETS: BonusReceiptItem[] = [
  { name: 'АИ-95, 40 л', category: 'fuel', quantity: 40, amount: { amount: 254_000, currency: 'RUB' } },
  { name: 'Капучино', category: 'cafe', amount: { amount: 19_000, currency: 'RUB' } },
  { name: 'Мойка «Экспресс»', category: 'car_wash', amount: { amount: 45_000, currency: 'RUB' } },
  { name: 'Сигареты', category: 'tobacco', amount: { amount: 25_000, currency: 'RUB' } },
];

/** /bonus/till — for operators in dev: pick a card, ring up goods, pay with or without points, refund. */
export function TillSimulatorPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const describe = useBonusErrorMessage();
  const ids = { category: useId() };
  const [search, setSearch] = useState('');
  const cards = useTillCards(search.trim());
  const [cardNumber, setCardNumber] = useState('');
  const [station, setStation] = useState('АЗС №1 (симулятор)');
  const [items, setItems] = useState<BonusReceiptItem[]>([]);
  const [item, setItem] = useState<{ name: string; category: BonusCategory; amount: string }>({ name: '', category: 'goods', amount: '' });
  const [itemError, setItemError] = useState<string | undefined>();
  const [spend, setSpend] = useState('');
  const [quote, setQuote] = useState<BonusQuoteView | null>(null);
  const [receipts, setReceipts] = useState<BonusPurchaseView[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const quoteMutation = useTillQuote();
  const purchase = useTillPurchase();
  const refund = useTillRefund();
  const attempt = useAttemptKey();
  const total = items.reduce((s, i) => s + i.amount.amount, 0);
  const card = parseCardNumber(cardNumber);

  const addItem = (event: FormEvent) => {
    event.preventDefault();
    const kopecks = parseRoubles(item.amount);
    if (!item.name.trim() || kopecks === null || kopecks <= 0) {
      setItemError(t('bonus.till.itemInvalid'));
      return;
    }
    setItemError(undefined);
    setItems((list) => [...list, { name: item.name.trim(), category: item.category, amount: { amount: kopecks, currency: 'RUB' } }]);
    setItem({ name: '', category: 'goods', amount: '' });
    setQuote(null);
  };

  const ask = () => {
    if (!card || !items.length) return;
    setAlert(null);
    quoteMutation.mutate(
      { cardNumber: card, station, items },
      {
        onSuccess: (q) => {
          setQuote(q);
          setSpend(String(q.maxSpend));
        },
        onError: (failure) => setAlert(describe(failure)),
      },
    );
  };

  const pay = (withPoints: boolean) => {
    if (!card || !items.length) return;
    setAlert(null);
    const points = withPoints ? Number(spend || 0) : 0;
    const key = attempt.keyFor({ card, station, items, points });
    // The receipt id is the attempt's: a retry of the same payment is the same receipt.
    const request = { receiptId: `SIM-${key.slice(0, 8)}`, cardNumber: card, station, occurredAt: new Date().toISOString(), items, spendPoints: points };
    purchase.mutate(
      { request, idempotencyKey: key },
      {
        onSuccess: (done) => {
          attempt.settle(null);
          setReceipts((list) => [done, ...list]);
          setItems([]);
          setQuote(null);
          setSpend('');
        },
        onError: (failure) => {
          attempt.settle(failure);
          setAlert(describe(failure));
        },
      },
    );
  };

  return (
    <>
      <PageHeading title={t('bonus.till.title')}>{t('bonus.till.title')}</PageHeading>
      <p className="muted">{t('bonus.till.intro')}</p>
      {cards.error instanceof ApiError && cards.error.status === 404 ? <p className="notice notice--warn">{t('bonus.till.off')}</p> : null}
      <FormAlert>{alert}</FormAlert>
      <div className="bonus-till">
        <section aria-labelledby="till-card-title">
          <h2 id="till-card-title" className="section-title">
            {t('bonus.till.card')}
          </h2>
          <TextField label={t('bonus.till.search')} value={search} onChange={(event) => setSearch(event.target.value)} hint={t('bonus.till.searchHint')} />
          {cards.data?.items.length ? (
            <fieldset>
              <legend className="visually-hidden">{t('bonus.till.pick')}</legend>
              {cards.data.items.map((c) => (
                <label key={c.number} className="checkbox">
                  <input type="radio" name="till-card" checked={card === c.number} onChange={() => { setCardNumber(c.number); setQuote(null); }} />
                  {formatCardNumber(c.number)} · {c.holder} · {pointsText(t, c.balance, lang)}
                </label>
              ))}
            </fieldset>
          ) : null}
          <TextField label={t('bonus.till.cardNumber')} inputMode="numeric" value={cardNumber} onChange={(event) => { setCardNumber(event.target.value); setQuote(null); }} error={cardNumber && !card ? t('bonus.add.numberInvalid') : undefined} />
          <TextField label={t('bonus.till.station')} value={station} onChange={(event) => setStation(event.target.value)} />
        </section>
        <section aria-labelledby="till-items-title">
          <h2 id="till-items-title" className="section-title">
            {t('bonus.till.items')}
          </h2>
          <p className="button-row">
            {PRESETS.map((preset) => (
              <button key={preset.name} type="button" className="secondary outline" onClick={() => { setItems((list) => [...list, preset]); setQuote(null); }}>
                + {preset.name} · {formatMoney(preset.amount, lang)}
              </button>
            ))}
          </p>
          <form noValidate onSubmit={addItem} aria-label={t('bonus.till.addItem')} className="filter-grid">
            <TextField label={t('bonus.till.itemName')} value={item.name} onChange={(event) => setItem({ ...item, name: event.target.value })} />
            <div className="field">
              <label htmlFor={ids.category}>{t('bonus.till.category')}</label>
              <select id={ids.category} value={item.category} onChange={(event) => setItem({ ...item, category: event.target.value as BonusCategory })}>
                {BonusCategories.map((c) => (
                  <option key={c} value={c}>
                    {t(`bonus.category.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField label={t('bonus.till.amount')} inputMode="decimal" value={item.amount} error={itemError} onChange={(event) => setItem({ ...item, amount: event.target.value })} />
            <div className="field">
              <button type="submit" className="secondary">
                {t('bonus.till.addItem')}
              </button>
            </div>
          </form>
          {items.length ? (
            <ul className="tx-list" aria-label={t('bonus.till.receipt')}>
              {items.map((i, n) => (
                <li key={`${i.name}-${n}`} className="tx">
                  <div className="tx__main">
                    <span className="tx__description">{i.name}</span>
                    <span className="tx__meta">{t(`bonus.category.${i.category}`)}</span>
                  </div>
                  <div className="tx__amounts">
                    <strong className="tx__amount">{formatMoney(i.amount, lang)}</strong>
                    <button type="button" className="link-button" onClick={() => { setItems((list) => list.filter((_, k) => k !== n)); setQuote(null); }}>
                      {t('bonus.till.remove')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('bonus.till.empty')}</p>
          )}
          <p>
            <strong>{t('bonus.till.total', { amount: formatMoney({ amount: total, currency: 'RUB' }, lang) })}</strong>
          </p>
          <p className="button-row">
            <button type="button" className="secondary" disabled={!card || !items.length || quoteMutation.isPending} onClick={ask}>
              {t('bonus.till.quote')}
            </button>
            <button type="button" disabled={!card || !items.length || purchase.isPending} onClick={() => pay(false)}>
              {t('bonus.till.payMoney')}
            </button>
          </p>
          {quote ? (
            <div className="notice" role="status">
              <p>{t('bonus.till.quoteText', { balance: pointsText(t, quote.balance, lang), max: pointsText(t, quote.maxSpend, lang), accrual: pointsText(t, quote.accrualPreview, lang) })}</p>
              <div className="button-row">
                <TextField label={t('bonus.till.spend')} inputMode="numeric" value={spend} onChange={(event) => setSpend(event.target.value.replace(/\D/g, ''))} />
                <button type="button" disabled={purchase.isPending || !Number(spend)} onClick={() => pay(true)}>
                  {t('bonus.till.payPoints')}
                </button>
              </div>
            </div>
          ) : null}
        </section>
      </div>
      {receipts.length ? (
        <section aria-labelledby="till-receipts-title">
          <h2 id="till-receipts-title" className="section-title">
            {t('bonus.till.receipts')}
          </h2>
          <ul className="tx-list" aria-label={t('bonus.till.receipts')}>
            {receipts.map((r) => (
              <li key={r.receiptId} className="tx">
                <div className="tx__main">
                  <span className="tx__description">
                    {r.receiptId} · {formatCardNumber(r.cardNumber)}
                  </span>
                  <span className="tx__meta">
                    {t('bonus.till.receiptText', { total: formatMoney(r.total, lang), toPay: formatMoney(r.toPay, lang), spent: r.pointsSpent, accrued: r.pointsAccrued })}
                  </span>
                </div>
                <div className="tx__amounts">
                  <strong className="tx__amount">{pointsText(t, r.balance, lang)}</strong>
                  {r.status === 'refunded' ? (
                    <span className="badge badge--warn">{t('bonus.till.refunded')}</span>
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      disabled={refund.isPending}
                      onClick={() =>
                        refund.mutate(r.receiptId, {
                          onSuccess: (done) => setReceipts((list) => list.map((x) => (x.receiptId === done.receiptId ? done : x))),
                          onError: (failure) => setAlert(describe(failure)),
                        })
                      }
                    >
                      {t('bonus.till.refund')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
