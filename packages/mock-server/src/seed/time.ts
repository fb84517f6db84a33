/**
 * Calendar helpers. The seed works in whole local days of Asia/Tashkent (UTC+5, no daylight saving):
 * a "day" is the number of days since 1970-01-01 of the local calendar.
 */

const TASHKENT_OFFSET_MINUTES = 5 * 60;
const DAY_MS = 86_400_000;

/** Local (Tashkent) day number of an instant. */
export function localDay(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('options.today is not a valid date');
  return Math.floor((ms + TASHKENT_OFFSET_MINUTES * 60_000) / DAY_MS);
}

/** Year, month (1–12) and day of month of a day number. */
export function ymd(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Day number of a calendar date (month 1–12; out-of-range days roll over like Date.UTC). */
export function dayOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Zero-padded decimal. */
export function pad(n: number, width = 2): string {
  return String(Math.trunc(n)).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** `YYYY-MM-DDTHH:MM:SS+05:00` for a local day and minutes after local midnight. */
export function isoDateTime(day: number, minutes: number): string {
  const whole = Math.round(minutes);
  const extraDays = Math.floor(whole / 1440);
  const mins = whole - extraDays * 1440;
  return `${isoDate(day + extraDays)}T${pad(Math.floor(mins / 60))}:${pad(mins % 60)}:00+05:00`;
}

/** `HH:MM` of minutes after midnight. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Day of week: 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The same calendar date `years` earlier (29 February falls back to 28 February). */
export function yearsBefore(day: number, years: number): number {
  const { y, m, d } = ymd(day);
  const target = dayOf(y - years, m, d);
  return ymd(target).m !== m ? dayOf(y - years, m, d - 1) : target;
}

/** Whole years between a birth day and another day. */
export function ageOn(birthDay: number, onDay: number): number {
  const b = ymd(birthDay);
  const o = ymd(onDay);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age--;
  return age;
}
