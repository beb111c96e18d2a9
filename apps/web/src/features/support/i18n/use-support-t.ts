import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const SUPPORT_NS = 'support';

const texts = featureNamespace(SUPPORT_NS, ru, () => import('./en'));

export type SupportKey = DictionaryKey<typeof ru>;
export type SupportT = (key: SupportKey, options?: Record<string, unknown>) => string;

export const useSupportT: () => { t: SupportT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useSupportError: () => (error: unknown) => string = texts.useError;
