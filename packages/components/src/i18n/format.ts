import type { Locale } from './locales.js';
import { translate, type MessageKey } from './translate.js';

const pluralKeys: Record<string, MessageKey> = {
  one: 'format.years.one',
  few: 'format.years.few',
  many: 'format.years.many',
};

// Intl objects cost Chromium ~0.3 ms each to build: one per locale for the page, not one per call (on a long
// history, per-call formatters were the largest single cost of painting the card).
const pluralRules = new Map<Locale, Intl.PluralRules>();
let englishDates: Intl.DateTimeFormat | undefined;

/** "41 yosh", "41 год", "42 года", "45 лет", "41 years": plural rules from Intl, words from the catalogs. */
export function formatYears(years: number, locale: Locale): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale === 'uz-Cyrl' ? 'uz' : locale)));
  const category = rules.select(years);
  return translate(locale, pluralKeys[category] ?? 'format.years.other', { count: years });
}

/**
 * A FHIR date for people in Uzbekistan: `dd.MM.yyyy` in Uzbek and Russian (as documents print it), `5 Mar 1985`
 * in English. Partial dates (`1985`, `1985-03`) are shown as far as they go. Browsers' ICU data for Uzbek is thin
 * (Chromium prints "1985 M03 5"), so Uzbek dates are not left to Intl.
 */
export function formatDate(date: string | undefined, locale: Locale): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date ?? '');
  if (!match) return '—';
  const [, year, month, day] = match;
  if (locale === 'en' && month && day) {
    englishDates ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
    return englishDates.format(new Date(`${year}-${month}-${day}T00:00:00Z`));
  }
  return [day, month, year].filter(Boolean).join('.');
}
