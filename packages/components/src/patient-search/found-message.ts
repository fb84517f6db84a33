import type { Locale } from '../i18n/locales.js';
import { translate, type MessageKey } from '../i18n/translate.js';

const foundKeys: Record<string, MessageKey> = {
  one: 'search.found.one',
  few: 'search.found.few',
  many: 'search.found.many',
};

/** "1 patient found", "Найдено 3 пациента", "5 ta bemor topildi": plural rules from Intl, words from the catalogs. */
export function foundMessage(count: number, locale: Locale): string {
  const category = new Intl.PluralRules(locale === 'uz-Cyrl' ? 'uz' : locale).select(count);
  return translate(locale, foundKeys[category] ?? 'search.found.other', { count });
}
