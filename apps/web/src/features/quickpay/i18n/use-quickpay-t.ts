import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const QUICKPAY_NS = 'quickpay';

const texts = featureNamespace(QUICKPAY_NS, ru, () => import('./en'));

export type QuickPayKey = DictionaryKey<typeof ru>;
export type QuickPayT = (key: QuickPayKey, options?: Record<string, unknown>) => string;

export const useQuickPayT: () => { t: QuickPayT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useQuickPayError: () => (error: unknown) => string = texts.useError;
