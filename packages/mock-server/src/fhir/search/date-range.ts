/** A time range in epoch milliseconds, start inclusive, end exclusive; open ends are ±Infinity. */
export interface DateRange {
  start: number;
  end: number;
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le';

const FHIR_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** Dates and times without a zone are Tashkent time (UTC+5, no daylight saving), where the data is recorded. */
const LOCAL_OFFSET_MINUTES = 5 * 60;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined) return LOCAL_OFFSET_MINUTES;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/**
 * The range a FHIR date, dateTime or instant stands for, by its precision: `2025` is the whole year, `2025-03-05`
 * the whole day, `2025-03-05T10:20:00+05:00` one second. Undefined for anything else.
 */
export function rangeOf(value: string): DateRange | undefined {
  // Sorting and filtering by date read the same stored dates on every search: parse each once.
  if (rangeByText.has(value)) return rangeByText.get(value);
  if (rangeByText.size >= MAX_CACHED) rangeByText.clear();
  const range = parseRange(value);
  rangeByText.set(value, range);
  return range;
}

const rangeByText = new Map<string, DateRange | undefined>();
const MAX_CACHED = 100_000;

function parseRange(value: string): DateRange | undefined {
  const match = FHIR_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const y = Number(year);
  const m = month === undefined ? 0 : Number(month) - 1;
  const d = day === undefined ? 1 : Number(day);
  const shift = offsetMinutes(zone) * 60_000;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const start = Date.UTC(y, m, d, Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), millis) - shift;
  let end: number;
  if (month === undefined) end = Date.UTC(y + 1, 0, 1) - shift;
  else if (day === undefined) end = Date.UTC(y, m + 1, 1) - shift;
  else if (hour === undefined) end = Date.UTC(y, m, d + 1) - shift;
  else if (second === undefined) end = start + 60_000;
  else if (fraction === undefined) end = start + 1000;
  else end = start + 1;
  return Number.isNaN(start) ? undefined : Object.freeze({ start, end });
}

/** The range of a date element: a date/dateTime/instant string, or a Period with optional ends. */
export function rangeOfElement(element: unknown): DateRange | undefined {
  if (typeof element === 'string') return rangeOf(element);
  if (element && typeof element === 'object') {
    const { start, end } = element as { start?: unknown; end?: unknown };
    if (typeof start !== 'string' && typeof end !== 'string') return undefined;
    return {
      start: typeof start === 'string' ? (rangeOf(start)?.start ?? -Infinity) : -Infinity,
      end: typeof end === 'string' ? (rangeOf(end)?.end ?? Infinity) : Infinity,
    };
  }
  return undefined;
}

/** A date search value: `ge2025-01-01` → prefix `ge` and the range of that day. */
export function parseDateQuery(query: string): { prefix: DatePrefix; range: DateRange } | undefined {
  const prefixed = /^(eq|ne|gt|lt|ge|le)/.exec(query);
  const prefix = (prefixed?.[1] ?? 'eq') as DatePrefix;
  const range = rangeOf(prefixed ? query.slice(2) : query);
  return range && { prefix, range };
}

/** FHIR date comparison of a resource's range against a search range (FHIR R5 search §3.2.1.5.6). */
export function compareRange(prefix: DatePrefix, target: DateRange, query: DateRange): boolean {
  switch (prefix) {
    case 'eq':
      return query.start <= target.start && target.end <= query.end;
    case 'ne':
      return !(query.start <= target.start && target.end <= query.end);
    case 'gt':
      return target.end > query.end;
    case 'lt':
      return target.start < query.start;
    case 'ge':
      return target.end > query.start;
    case 'le':
      return target.start < query.end;
  }
}
