/**
 * Russian — the default language, in two parts: ./ru-core comes with the app, ./ru-rest before any page but
 * sign-in (src/shared/i18n/i18n.ts). English is loaded on demand. Each top-level section lives in one part.
 */
import { ruCore } from './ru-core';
import { ruRest } from './ru-rest';

export const ru = { ...ruCore, ...ruRest };

export type Translation = typeof ru;
