import type { Locale } from '../i18n/locales.js';
import { translate } from '../i18n/translate.js';
import { formatDate } from '../i18n/format.js';

const units: ['second' | 'minute' | 'hour' | 'day' | 'month' | 'year', number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * Intl's formatter where it can speak the language. Browsers' ICU data for Uzbek is thin (Chromium prints "-4 s"),
 * and old browsers on old PCs have no `Intl.RelativeTimeFormat` at all: then the catalogs' words are used.
 */
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

function intlFormatter(locale: Locale): Intl.RelativeTimeFormat | undefined {
  if (locale === 'uz' || locale === 'uz-Cyrl' || typeof Intl.RelativeTimeFormat !== 'function') return undefined;
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

function formatAgo(amount: number, unit: (typeof units)[number][0], locale: Locale): string {
  const count = Math.round(amount);
  const intl = intlFormatter(locale);
  if (intl) return intl.format(-count, unit);
  return translate(locale, `format.ago.${unit}`, { count });
}

/** "5 minutes ago", "5 минут назад", "5 daqiqa oldin": how long ago `ageMs` was, in the element's language. */
export function formatTimeAgo(ageMs: number, locale: Locale): string {
  let amount = Math.max(0, ageMs) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(Math.round(amount)) < size) return formatAgo(amount, unit, locale);
    amount /= size;
  }
  return formatAgo(amount, 'year', locale);
}

/** A moment as a date (as the card writes dates) and the local time: `14.03.2026 09:05`. */
export function formatMoment(epochMs: number, locale: Locale): string {
  const at = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${formatDate(date, locale)} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
