import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const SQ_NS = 'securityQuestion';

const texts = featureNamespace(SQ_NS, ru, () => import('./en'));

export type SecurityQuestionKey = DictionaryKey<typeof ru>;
export type SecurityQuestionT = (key: SecurityQuestionKey, options?: Record<string, unknown>) => string;

export const useSecurityQuestionT: () => { t: SecurityQuestionT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useSecurityQuestionError: () => (error: unknown) => string = texts.useError;
