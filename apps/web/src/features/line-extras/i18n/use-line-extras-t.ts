import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const LINE_EXTRAS_NS = 'lineExtras';

const texts = featureNamespace(LINE_EXTRAS_NS, ru, () => import('./en'));

export type LineExtrasKey = DictionaryKey<typeof ru>;
export type LineExtrasT = (key: LineExtrasKey, options?: Record<string, unknown>) => string;

export const useLineExtrasT: () => { t: LineExtrasT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useLineExtrasError: () => (error: unknown) => string = texts.useError;
