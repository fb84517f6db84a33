// The PINFL layout as community validators describe it (no official specification is published):
// digit 1 = sex and century, 2–7 = birth date DDMMYY, 8–10 place, 11–13 serial, 14 = check digit.

/** Spaces and dash-like characters people type or paste between digit groups (`4050 3855 9000 21`). */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/gu;

/** NFKC first so full-width digits pasted from some keyboards become ASCII. */
export function stripPinflSeparators(input: string): string {
  return input.normalize('NFKC').replace(SEPARATORS, '');
}

/** Odd first digits are male, even female; each pair (1/2, 3/4, 5/6) is a century from 1800. */
export function centuryOf(firstDigit: number): number | undefined {
  return firstDigit >= 1 && firstDigit <= 6 ? 1800 + Math.floor((firstDigit - 1) / 2) * 100 : undefined;
}

export function sexOf(firstDigit: number): 'male' | 'female' {
  return firstDigit % 2 === 1 ? 'male' : 'female';
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The check digit independent validators use: weights 7-3-1 repeated over the first 13 digits, sum mod 10
 * (the ICAO 9303 MRZ method). Not officially published, which is why a mismatch is only a warning.
 */
export function pinflCheckDigit(first13: string): number {
  if (!/^\d{13}$/.test(first13)) throw new RangeError('pinflCheckDigit needs exactly 13 digits');
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(first13[i]) * ([7, 3, 1][i % 3] ?? 0);
  return sum % 10;
}
