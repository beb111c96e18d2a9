import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const CORPORATE_NS = 'corporate';

const texts = featureNamespace(CORPORATE_NS, ru, () => import('./en'));

export type CorporateKey = DictionaryKey<typeof ru>;
export type CorporateT = (key: CorporateKey, options?: Record<string, unknown>) => string;

export const useCorporateT: () => { t: CorporateT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useCorporateError: () => (error: unknown) => string = texts.useError;
