/**
 * Queue time is Tashkent local time (UTC+5, no daylight saving): the ticket counter restarts at local midnight and
 * schedules are written in local hours. Timestamps go out with the `+05:00` offset, as the contract's examples do.
 */

const OFFSET_MS = 5 * 60 * 60 * 1000;

/** Zero-padded decimal. */
export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The local calendar date of an instant, `YYYY-MM-DD`. */
export function tashkentDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as local date-time with offset, `YYYY-MM-DDTHH:MM:SS+05:00`. */
export function tashkentDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+05:00`;
}

/** The instant of a local date and `HH:MM` time. */
export function localInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00+05:00`));
}

/** `HHMM` of an `HH:MM` time, for ids. */
export function compactTime(hhmm: string): string {
  return hhmm.replace(':', '');
}

/** Minutes between two instants (b − a). */
export function minutesBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / 60_000;
}
