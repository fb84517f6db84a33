/**
 * Calendar dates as prescriptions use them: whole days in Asia/Tashkent (UTC+5, no daylight saving), written
 * `YYYY-MM-DD`. A prescription "valid until 2026-12-03" may be dispensed all that local day.
 */

const TASHKENT_OFFSET_MS = 5 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** The local (Tashkent) calendar date of an instant. */
export function tashkentDate(instant: Date): string {
  return new Date(instant.getTime() + TASHKENT_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The calendar date of a FHIR `date` or `dateTime` with day precision (a dateTime counts by its own written
 * date); undefined for partial dates (`2026`, `2026-03`), which cannot bound a validity period.
 */
export function fullDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(value);
  return match?.[1];
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}
