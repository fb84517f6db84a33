import { normalizeBirthCertificateNumber, normalizePassportNumber } from '@shifo/sdk';
import type { MessageKey } from '../i18n/translate.js';
import { pinflIssueKeys, submittedPinfl, type PinflFeedback } from './pinfl-feedback.js';
import type { SearchMode } from './search-mode.js';

/** What the user typed, per field; every mode keeps its own fields so switching back loses nothing. */
export interface SearchFields {
  pinfl: string;
  passport: string;
  birthCertificate: string;
  family: string;
  given: string;
  birthDate: string;
}

export type SearchField = keyof SearchFields;

export const emptyFields: SearchFields = {
  pinfl: '',
  passport: '',
  birthCertificate: '',
  family: '',
  given: '',
  birthDate: '',
};

/** A validated search, normalized as the central store holds the values. */
export type SearchQuery =
  | { mode: 'pinfl'; pinfl: string }
  | { mode: 'passport'; number: string }
  | { mode: 'birth-certificate'; number: string }
  | { mode: 'name'; family: string; given?: string; birthDate: string };

/** A message under one field that stops the search. */
export interface FieldProblem {
  field: SearchField;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface PreparedSearch {
  query?: SearchQuery;
  problems: FieldProblem[];
  /** PINFL mode: what to show under the field (a hard error stops the search, a warning travels with it). */
  pinflFeedback?: PinflFeedback;
}

/** Collapses runs of spaces; apostrophe variants are left to the server, which treats ʻ ‘ ’ ' ` alike. */
function cleanName(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks the fields of `mode` and turns them into a query, or says which fields stop it. */
export function prepareSearch(mode: SearchMode, fields: SearchFields): PreparedSearch {
  switch (mode) {
    case 'pinfl': {
      const { pinfl, feedback } = submittedPinfl(fields.pinfl);
      if (pinfl === undefined) {
        const issue = feedback.level === 'none' ? undefined : feedback.issue;
        const key = issue ? pinflIssueKeys[issue.code] : 'search.pinfl.empty';
        return {
          problems: [{ field: 'pinfl', key, ...(issue?.params ? { params: issue.params } : {}) }],
          pinflFeedback: feedback,
        };
      }
      return { query: { mode, pinfl }, problems: [], pinflFeedback: feedback };
    }
    case 'passport': {
      if (fields.passport.trim() === '') return { problems: [{ field: 'passport', key: 'search.passport.empty' }] };
      const number = normalizePassportNumber(fields.passport);
      if (!number) return { problems: [{ field: 'passport', key: 'search.passport.format' }] };
      return { query: { mode, number }, problems: [] };
    }
    case 'birth-certificate': {
      if (fields.birthCertificate.trim() === '') {
        return { problems: [{ field: 'birthCertificate', key: 'search.birth-certificate.empty' }] };
      }
      const number = normalizeBirthCertificateNumber(fields.birthCertificate);
      if (!number) return { problems: [{ field: 'birthCertificate', key: 'search.birth-certificate.format' }] };
      return { query: { mode, number }, problems: [] };
    }
    case 'name': {
      const family = cleanName(fields.family);
      const given = cleanName(fields.given);
      const birthDate = fields.birthDate.trim();
      const problems: FieldProblem[] = [];
      if (family === '') problems.push({ field: 'family', key: 'search.family.empty' });
      if (birthDate === '') problems.push({ field: 'birthDate', key: 'search.birth-date.empty' });
      else if (!ISO_DATE.test(birthDate)) problems.push({ field: 'birthDate', key: 'search.birth-date.format' });
      if (problems.length > 0) return { problems };
      return { query: { mode, family, ...(given ? { given } : {}), birthDate }, problems: [] };
    }
  }
}
