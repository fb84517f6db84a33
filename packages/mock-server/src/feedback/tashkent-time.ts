const OFFSET_MS = 5 * 3_600_000;

/** An instant as Uzbekistan writes it (Asia/Tashkent, UTC+5, no daylight saving), to the second. */
export function tashkentDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/** The Tashkent calendar date of an instant, `YYYY-MM-DD`. */
export function tashkentDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
