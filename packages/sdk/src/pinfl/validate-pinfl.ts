import { pinflIssue, type PinflIssue } from './issues.js';
import { centuryOf, pinflCheckDigit, sexOf, stripPinflSeparators } from './layout.js';
import { prefixIssue } from './partial.js';

export interface ValidatePinflOptions {
  /** The record's FHIR `birthDate` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); compared at the precision given. */
  birthDate?: string;
  /** The record's FHIR `gender`; only `male` and `female` are compared. */
  gender?: 'male' | 'female' | 'other' | 'unknown';
  /** "Today" for the future-date check; defaults to the current date in the runtime's time zone. */
  today?: Date;
}

export interface PinflResult {
  /** False only for hard errors; warnings never make a PINFL invalid. */
  valid: boolean;
  /** The input without spaces and dashes (what to store when `valid`). */
  normalized: string;
  errors: PinflIssue[];
  warnings: PinflIssue[];
  /** The encoded birth date, `YYYY-MM-DD`; present when `valid`. */
  birthDate?: string;
  /** The encoded sex; present when `valid`. */
  sex?: 'male' | 'female';
}

/** 14 digits once spaces and dashes are removed: enough to run `validatePinfl` (for as-you-type UI). */
export function isPinflShaped(input: string): boolean {
  return /^\d{14}$/.test(stripPinflSeparators(input));
}

/**
 * Validates a PINFL. Refuses only what cannot be a PINFL (empty, non-digits, not 14 digits, first digit outside
 * 1–6, impossible date). The check digit and agreement with the record are warnings: the check-digit rule is not
 * officially published and DHP's own example patients fail both.
 */
export function validatePinfl(input: string, options: ValidatePinflOptions = {}): PinflResult {
  const normalized = stripPinflSeparators(input);
  if (normalized === '') {
    return { valid: false, normalized, errors: [pinflIssue('pinfl.empty', 'Enter a PINFL.')], warnings: [] };
  }
  const errors: PinflIssue[] = [];
  const prefix = prefixIssue(normalized);
  if (prefix) errors.push(prefix);
  const lengthKnown = prefix?.code === 'pinfl.not-digits' || prefix?.code === 'pinfl.length';
  if (!lengthKnown && normalized.length !== 14) {
    errors.push(
      pinflIssue('pinfl.length', `A PINFL has 14 digits; this one has ${normalized.length}.`, {
        length: normalized.length,
        expected: 14,
      }),
    );
  }
  const first = Number(normalized[0]);
  const century = centuryOf(first);
  if (errors.length > 0 || century === undefined) return { valid: false, normalized, errors, warnings: [] };

  const birthDate = `${century + Number(normalized.slice(5, 7))}-${normalized.slice(3, 5)}-${normalized.slice(1, 3)}`;
  const sex = sexOf(first);
  const warnings: PinflIssue[] = [];

  const expected = pinflCheckDigit(normalized.slice(0, 13));
  const actual = Number(normalized[13]);
  if (expected !== actual) {
    warnings.push(
      pinflIssue(
        'pinfl.checksum',
        `The last digit is ${actual} but the 7-3-1 check gives ${expected}; compare the number with the document.`,
        { expected, actual },
      ),
    );
  }

  const given = fhirDatePart(options.birthDate);
  if (given !== undefined && !birthDate.startsWith(given)) {
    warnings.push(
      pinflIssue('pinfl.birth-date-mismatch', `The PINFL encodes the birth date ${birthDate}, not ${given}.`, {
        encoded: birthDate,
        given,
      }),
    );
  }

  if ((options.gender === 'male' || options.gender === 'female') && options.gender !== sex) {
    warnings.push(
      pinflIssue('pinfl.sex-mismatch', `The PINFL encodes sex ${sex}, but the record says ${options.gender}.`, {
        encoded: sex,
        given: options.gender,
      }),
    );
  }

  const today = localDate(options.today ?? new Date());
  if (birthDate > today) {
    warnings.push(
      pinflIssue('pinfl.future-date', `The PINFL encodes a birth date in the future (${birthDate}).`, {
        encoded: birthDate,
        today,
      }),
    );
  }

  return { valid: true, normalized, errors, warnings, birthDate, sex };
}

/** The date part of a FHIR date or dateTime; anything else is not compared (a bad birthDate is not a PINFL issue). */
function fhirDatePart(value: string | undefined): string | undefined {
  return /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T|$)/.exec(value ?? '')?.[1];
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
