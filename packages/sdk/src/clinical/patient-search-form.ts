import type { Schemas } from '../fhir/types.js';
import { invalidInput } from './invalid-input.js';

/** A search for a patient by name, as a registrar or doctor types it. */
export interface PatientSearchQuery {
  /** Family name or its beginning; Latin or Cyrillic; apostrophe variants (oʻ o‘ o' o`) match each other. */
  family: string;
  /** Given name or its beginning. */
  given?: string;
  /**
   * Date of birth, `YYYY-MM-DD` (or `YYYY` / `YYYY-MM` when only that is known). Required: a name alone finds
   * too many people to show, and narrows too little to be a fair look into the register.
   */
  birthDate: string;
  gender?: 'male' | 'female' | 'other' | 'unknown';
  /** Page size, 1-100 (default 20). */
  count?: number;
  /** Page number from 1. */
  page?: number;
}

const FHIR_DATE = /^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/u;

/** Collapses runs of spaces; apostrophes are left to the server, which folds ʻ ‘ ’ ' ` alike. */
function cleanName(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Checks a name search and builds its form; throws a ShifoError (`invalid`, `expression` = the field) if wrong. */
export function patientSearchForm(query: PatientSearchQuery): Schemas['PatientSearchForm'] {
  const family = cleanName(query.family);
  if (family === '') throw invalidInput('family', 'A family name is required.');
  if (family.length > 200) throw invalidInput('family', 'The family name is too long.');
  const given = cleanName(query.given ?? '');
  if (given.length > 200) throw invalidInput('given', 'The given name is too long.');
  const birthDate = query.birthDate.trim();
  if (!FHIR_DATE.test(birthDate)) throw invalidInput('birthDate', 'The birth date is YYYY-MM-DD.');
  const count = query.count ?? 20;
  if (!Number.isInteger(count) || count < 1 || count > 100) throw invalidInput('count', 'count is 1 to 100.');
  if (query.page !== undefined && (!Number.isInteger(query.page) || query.page < 1)) {
    throw invalidInput('page', 'page counts from 1.');
  }
  return {
    family,
    ...(given === '' ? {} : { given }),
    birthdate: birthDate,
    ...(query.gender === undefined ? {} : { gender: query.gender }),
    _count: count,
    ...(query.page === undefined ? {} : { _page: query.page }),
  };
}
