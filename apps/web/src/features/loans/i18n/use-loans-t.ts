import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const LOANS_NS = 'loans';

const texts = featureNamespace(LOANS_NS, ru, () => import('./en'));

export type LoansKey = DictionaryKey<typeof ru>;
export type LoansT = (key: LoansKey, options?: Record<string, unknown>) => string;

export const useLoansT: () => { t: LoansT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useLoansError: () => (error: unknown) => string = texts.useError;
