import { pinflIssue, type PinflIssue } from './issues.js';
import { centuryOf, daysInMonth, stripPinflSeparators } from './layout.js';

/**
 * For as-you-type feedback: the hard error that the typed prefix already guarantees (a non-digit, a first digit
 * outside 1–6, a day or month that no further digits can fix, more than 14 digits), else `undefined`.
 * It never reports "too short": the user is still typing. Spaces and dashes are ignored.
 */
export function checkPartialPinfl(prefix: string): PinflIssue | undefined {
  return prefixIssue(stripPinflSeparators(prefix));
}

/** Shared with `validatePinfl`, so both refuse exactly the same prefixes. `digits` is already stripped. */
export function prefixIssue(digits: string): PinflIssue | undefined {
  const bad = /\D/u.exec(digits);
  if (bad) {
    return pinflIssue(
      'pinfl.not-digits',
      `A PINFL contains only digits; found "${bad[0]}" at position ${bad.index + 1}.`,
      {
        character: bad[0],
        position: bad.index + 1,
      },
    );
  }
  if (digits.length === 0) return undefined;
  const first = Number(digits[0]);
  const century = centuryOf(first);
  if (century === undefined) {
    return pinflIssue('pinfl.first-digit', `The first digit of a PINFL must be 1 to 6; it is ${first}.`, {
      digit: first,
    });
  }
  const dateIssue = impossibleDate(digits.slice(1, 7), century);
  if (dateIssue) return dateIssue;
  if (digits.length > 14) {
    return pinflIssue('pinfl.length', `A PINFL has 14 digits; this one has ${digits.length}.`, {
      length: digits.length,
      expected: 14,
    });
  }
  return undefined;
}

/** Whether a DDMMYY prefix (0–6 digits) can no longer become a real date in `century`. */
function impossibleDate(ddmmyy: string, century: number): PinflIssue | undefined {
  const day = ddmmyy.length >= 2 ? Number(ddmmyy.slice(0, 2)) : undefined;
  const month = ddmmyy.length >= 4 ? Number(ddmmyy.slice(2, 4)) : undefined;
  const year = ddmmyy.length >= 6 ? century + Number(ddmmyy.slice(4, 6)) : undefined;
  const impossible =
    Number(ddmmyy[0] ?? 0) > 3 ||
    (day !== undefined && (day < 1 || day > 31)) ||
    Number(ddmmyy[2] ?? 0) > 1 ||
    (month !== undefined && (month < 1 || month > 12)) ||
    // Until the year is typed, 29 February stays possible.
    (day !== undefined && month !== undefined && day > daysInMonth(year ?? 2000, month));
  if (!impossible) return undefined;
  const params: Record<string, string | number> = { digits: ddmmyy };
  if (year !== undefined) params['year'] = year;
  return pinflIssue(
    'pinfl.impossible-date',
    `Digits 2 to 7 of a PINFL are the birth date (DDMMYY); ${ddmmyy}${year === undefined ? '' : ` (year ${year})`} is not a real date.`,
    params,
  );
}
