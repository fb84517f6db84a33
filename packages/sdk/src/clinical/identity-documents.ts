import type { ShifoProfiles } from '../fhir/profiles.js';
import { invalidInput } from './invalid-input.js';

/** The identity documents a patient can be found by, besides the PINFL. */
export type IdentityDocumentKind = 'passport' | 'id-card' | 'birth-certificate';

/** Cyrillic capitals that look like Latin ones: typed on a Russian layout, they look right and never match. */
const LOOKALIKE_LATIN: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  С: 'C',
  Е: 'E',
  Н: 'H',
  І: 'I',
  К: 'K',
  М: 'M',
  О: 'O',
  Р: 'P',
  Т: 'T',
  Х: 'X',
  У: 'Y',
};

/** Spaces and dash-like characters people put between groups. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/gu;

/**
 * Passport and ID-card numbers as people type them ("aa 123 45 67", "АА-1234567" on a Cyrillic layout) →
 * "AA1234567": two Latin letters and seven digits. Returns undefined when the text cannot be one.
 *
 * @example normalizePassportNumber(' ac 123 45 67 ') // 'AC1234567'
 */
export function normalizePassportNumber(text: string): string | undefined {
  const latin = [...text.normalize('NFKC').toLocaleUpperCase('en')].map((char) => LOOKALIKE_LATIN[char] ?? char);
  const compact = latin.join('').replace(SEPARATORS, '');
  return /^[A-Z]{2}[0-9]{7}$/u.test(compact) ? compact : undefined;
}

/** Roman numerals of a birth-certificate series are Latin even on Cyrillic certificates (`I-ТН`). */
const NUMERAL_LOOKALIKES: Readonly<Record<string, string>> = { І: 'I', Х: 'X', Ӏ: 'I' };

/**
 * Birth-certificate numbers → the form they are issued and stored in, "I-TN №123456": Roman numeral, dash, region
 * letters (Latin or Cyrillic: the script is kept, `ТН` and `TN` are different series), space, "№", digits.
 * "i-tn 123456", "I TN №123456" and "I-TN№ 123456" all qualify. Returns undefined when the text cannot be one.
 * (Not NFKC: it would turn № into "No".)
 *
 * @example normalizeBirthCertificateNumber('i-tn 220371') // 'I-TN №220371'
 */
export function normalizeBirthCertificateNumber(text: string): string | undefined {
  const upper = text.toLocaleUpperCase('en').replace(/\s+/gu, ' ').trim();
  const match = /^([IVXІХӀ]{1,4})[\s\-\u2010-\u2015]*(\p{L}{1,3})\s*(?:№\s*|NO\.\s*|N\s+)?(\d{1,10})$/u.exec(upper);
  if (!match) return undefined;
  const [, numeral = '', region = '', number = ''] = match;
  const latinNumeral = [...numeral].map((char) => NUMERAL_LOOKALIKES[char] ?? char).join('');
  return `${latinNumeral}-${region} №${number}`;
}

/**
 * The FHIR tokens (`system|value`) that find a document, in the order to try them. An Uzbek passport may be recorded
 * under the local system (ID card and old passport share it) or, for the biometric travel passport, the international
 * one, so `passport` tries both (the search form takes one system per request). Throws a ShifoError (`invalid`) for
 * a malformed number.
 */
export function documentTokens(
  kind: IdentityDocumentKind,
  number: string,
  systems: ShifoProfiles['identifierSystems'],
): string[] {
  if (kind === 'birth-certificate') {
    const value = normalizeBirthCertificateNumber(number);
    if (!value) throw invalidInput('number', 'A birth certificate number looks like "I-TN №123456".');
    return [`${systems.birthCertificate}|${value}`];
  }
  const value = normalizePassportNumber(number);
  if (!value) throw invalidInput('number', 'A passport or ID card number is two letters and seven digits (AA1234567).');
  if (kind === 'id-card') return [`${systems.passportLocal}|${value}`];
  return [`${systems.passportLocal}|${value}`, `${systems.passportInternational}|${value}`];
}
