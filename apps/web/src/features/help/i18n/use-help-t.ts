import { featureNamespace, type DictionaryKey } from '@/shared/i18n/feature-namespace';
import { ru } from './ru';

/** This feature's texts: their own i18next namespace, loaded with its pages (see `featureNamespace`). */
export const HELP_NS = 'help';

const texts = featureNamespace(HELP_NS, ru, () => import('./en'));

export type HelpKey = DictionaryKey<typeof ru>;
export type HelpT = (key: HelpKey, options?: Record<string, unknown>) => string;

export const useHelpT: () => { t: HelpT; language: string } = texts.useT;
/** A sentence about a failed call: this feature's words for its own codes, else the cabinet's. */
export const useHelpError: () => (error: unknown) => string = texts.useError;
