import type { ClientContext } from './client-context.js';
import { ICD10_SYSTEM, ICD10_VALUE_SET } from './clinical/code-systems.js';
import { invalidInput } from './clinical/invalid-input.js';
import { unwrap } from './transport/unwrap.js';

/** The languages DHP terminology is displayed in. */
export type TerminologyLanguage = 'uz' | 'uz-Cyrl' | 'ru' | 'en';

/** One ICD-10 code, as a diagnosis picker shows it. */
export interface Icd10Concept {
  system: typeof ICD10_SYSTEM;
  code: string;
  /** In the language asked for. */
  display: string;
  /** The other languages' titles, by language (`{ ru: '…', en: '…' }`). */
  designations: Partial<Record<TerminologyLanguage, string>>;
}

export interface Icd10SearchOptions {
  /** The language of `display`; default the client's `locale` (server default: Uzbek). */
  language?: TerminologyLanguage;
  /** Most results, 1-100 (default 20). */
  limit?: number;
  signal?: AbortSignal;
}

export interface TerminologyApi {
  /**
   * ICD-10 diagnoses matching what the doctor types: a code prefix (`I1`, `j06.9`) first, then titles in any
   * language whose words start with the words typed (`gipertenz`, `гипертенз`, `oʻpka` = `o'pka` = `opka`). Searches
   * the UZ Core condition-code value set with `$expand`.
   *
   * @example const hits = await shifo.terminology.searchIcd10('gipertenz', { language: 'uz', limit: 10 });
   */
  searchIcd10(text: string, options?: Icd10SearchOptions): Promise<Icd10Concept[]>;
}

const LANGUAGES: readonly TerminologyLanguage[] = ['uz', 'uz-Cyrl', 'ru', 'en'];

function isLanguage(value: string | undefined): value is TerminologyLanguage {
  return (LANGUAGES as readonly (string | undefined)[]).includes(value);
}

export function createTerminologyApi(context: ClientContext): TerminologyApi {
  return {
    async searchIcd10(text, options) {
      const filter = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
      if (filter === '') throw invalidInput('text', 'Type part of a diagnosis or its code.');
      if (filter.length > 200) throw invalidInput('text', 'The search text is too long.');
      const limit = options?.limit ?? 20;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidInput('limit', 'limit is 1 to 100.');
      const locale = context.locale();
      const language = options?.language ?? (isLanguage(locale) ? locale : undefined);
      const valueSet = unwrap(
        await context.fhir.GET('/ValueSet/$expand', {
          params: {
            query: { url: ICD10_VALUE_SET, filter, count: limit, ...(language ? { displayLanguage: language } : {}) },
          },
          signal: options?.signal,
        }),
      );
      return (valueSet.expansion?.contains ?? []).flatMap((concept) => {
        if (concept.system !== ICD10_SYSTEM || !concept.code) return [];
        const designations: Partial<Record<TerminologyLanguage, string>> = {};
        for (const designation of concept.designation ?? []) {
          if (isLanguage(designation.language) && designation.value)
            designations[designation.language] = designation.value;
        }
        return [{ system: ICD10_SYSTEM, code: concept.code, display: concept.display ?? concept.code, designations }];
      });
    },
  };
}
