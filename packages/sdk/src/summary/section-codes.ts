import type { SummarySections } from './types.js';

export const LOINC = 'http://loinc.org';

/** IPS section codes (LOINC), as the contract's `getPatientSummary` lists them. */
export const SECTION_CODES: Record<string, keyof SummarySections> = {
  '48765-2': 'allergies',
  '11450-4': 'problems',
  '10160-0': 'medications',
  '30954-2': 'results',
  '8716-3': 'vitalSigns',
  '46240-8': 'encounters',
};

/** The LOINC code of each section. */
export const SECTION_LOINC = Object.fromEntries(
  Object.entries(SECTION_CODES).map(([code, key]) => [key, code]),
) as Record<keyof SummarySections, string>;
