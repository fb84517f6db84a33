import { en, type MessageKey } from './catalogs/en.js';
import { ru } from './catalogs/ru.js';
import { uzCyrl } from './catalogs/uz-cyrl.js';
import { uz } from './catalogs/uz.js';
import type { Locale } from './locales.js';

export type { MessageKey };

export const catalogs: Record<Locale, Record<MessageKey, string>> = { uz, 'uz-Cyrl': uzCyrl, ru, en };

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params` (as text, never markup). */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
