import { formatDate } from '../i18n/format.js';
import type { Locale } from '../i18n/locales.js';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** Intl's tag for a Shifo locale; browsers without Cyrillic Uzbek data fall back to Uzbek rules. */
function intlTag(locale: Locale): string {
  if (locale !== 'uz-Cyrl') return locale;
  return Intl.RelativeTimeFormat.supportedLocalesOf(['uz-Cyrl']).length > 0 ? 'uz-Cyrl' : 'uz';
}

/** "5 minutes ago", "5 минут назад", "5 daqiqa oldin": how long ago `ageMs` was, in the element's language. */
export function formatTimeAgo(ageMs: number, locale: Locale): string {
  const format = new Intl.RelativeTimeFormat(intlTag(locale), { numeric: 'auto' });
  let amount = Math.max(0, ageMs) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(amount) < size) return format.format(-Math.round(amount), unit);
    amount /= size;
  }
  return format.format(-Math.round(amount), 'year');
}

/** A moment as a date (as the card writes dates) and the local time: `14.03.2026 09:05`. */
export function formatMoment(epochMs: number, locale: Locale): string {
  const at = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${formatDate(date, locale)} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
