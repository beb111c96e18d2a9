import { PaymentLimits } from '@cabinet/shared-types';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/shared/lib/format-money';
import { parseRoubles, roublesInput } from '@/shared/lib/parse-money';
import { TextField } from '@/shared/ui/text-field';

export const topUpPresets = [100_00, 300_00, 500_00, 1000_00] as const;

interface AmountFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  label: string;
  hint?: string;
  presets?: readonly number[];
  inputRef?: (element: HTMLInputElement | null) => void;
}

/** An amount in roubles with quick-pick buttons (they fill the field; the field is what is sent). */
export function AmountField({ value, onChange, error, label, hint, presets = topUpPresets, inputRef }: AmountFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const current = parseRoubles(value);
  return (
    <div className="amount-field">
      {presets.length ? (
        <div role="group" aria-label={t('topUp.presets')} className="presets">
          {presets.map((amount) => (
            <button
              key={amount}
              type="button"
              className="preset"
              aria-pressed={current === amount}
              onClick={() => onChange(roublesInput(amount, lang))}
            >
              {formatMoney({ amount, currency: 'RUB' }, lang)}
            </button>
          ))}
        </div>
      ) : null}
      <TextField
        ref={inputRef}
        label={label}
        hint={hint}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        error={error}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

export type AmountProblem = 'required' | 'invalid' | 'tooSmall' | 'tooLarge';

/** Kopecks, or what is wrong with the typed amount, against `min`..`max`. */
export function checkAmount(
  value: string,
  min: number = PaymentLimits.minAmount,
  max: number = PaymentLimits.maxAmount,
): { amount: number; problem: null } | { amount: null; problem: AmountProblem } {
  if (!value.trim()) return { amount: null, problem: 'required' };
  const amount = parseRoubles(value);
  if (amount === null) return { amount: null, problem: 'invalid' };
  if (amount < min) return { amount: null, problem: 'tooSmall' };
  if (amount > max) return { amount: null, problem: 'tooLarge' };
  return { amount, problem: null };
}
