/**
 * PINFL (JShShIR) construction and checking, after the community layout in DOMAIN.md:
 * digit 1 = sex and century (odd male, even female; 1/2 → 1800s, 3/4 → 1900s, 5/6 → 2000s),
 * digits 2–7 = birth date DDMMYY, 8–10 place code, 11–13 serial, 14 = check digit
 * (weights 7-3-1 repeated over the first 13 digits, sum mod 10 — the unofficial validators' method).
 */
import { pinflCheckDigit } from '@shifo/sdk';
import type { Sex } from './names.js';
import { pad, ymd } from './time.js';

/** First digit for a sex and birth year. */
export function pinflSexCenturyDigit(sex: Sex, year: number): number {
  const base = year < 1900 ? 1 : year < 2000 ? 3 : 5;
  return sex === 'male' ? base : base + 1;
}

/** What a PINFL should be built from. */
export interface PinflParts {
  sex: Sex;
  /** Birth day number (local days since 1970-01-01). */
  birthDay: number;
  /** 3-digit place code. */
  place: number;
  /** 3-digit serial. */
  serial: number;
  /** Add this (1–9) to the correct check digit, mod 10, to make a deliberately failing PINFL. */
  checkDigitError?: number;
}

/** Build a 14-digit PINFL. */
export function buildPinfl(parts: PinflParts): string {
  const { y, m, d } = ymd(parts.birthDay);
  const first13 = `${pinflSexCenturyDigit(parts.sex, y)}${pad(d)}${pad(m)}${pad(y % 100)}${pad(parts.place, 3)}${pad(parts.serial, 3)}`;
  const check = (pinflCheckDigit(first13) + (parts.checkDigitError ?? 0)) % 10;
  return `${first13}${check}`;
}
