import type { Principal } from '../../../auth/principal.js';
import type { Text3 } from '../../../seed/types.js';
import { scopeAllowsRead } from './scope-check.js';

/** The sections of the summary, in the order the card shows them (allergies first: they are safety-critical). */
export type SectionKey = 'allergies' | 'problems' | 'medications' | 'results' | 'vitalSigns' | 'encounters';

export interface SectionDefinition {
  key: SectionKey;
  /** The resource type the section lists: the caller's scopes must allow reading it. */
  resourceType: string;
  /** LOINC section code (docs/contract.md §8, as the International Patient Summary). */
  loinc: string;
  display: string;
  title: Text3;
}

export const SECTIONS: readonly SectionDefinition[] = [
  {
    key: 'allergies',
    resourceType: 'AllergyIntolerance',
    loinc: '48765-2',
    display: 'Allergies and adverse reactions Document',
    title: {
      uz: 'Allergiyalar va intoleransiyalar',
      ru: 'Аллергии и непереносимость',
      en: 'Allergies and intolerances',
    },
  },
  {
    key: 'problems',
    resourceType: 'Condition',
    loinc: '11450-4',
    display: 'Problem list - Reported',
    title: { uz: 'Muammolar', ru: 'Проблемы со здоровьем', en: 'Problems' },
  },
  {
    key: 'medications',
    resourceType: 'MedicationRequest',
    loinc: '10160-0',
    display: 'History of Medication use Narrative',
    title: { uz: 'Dori vositalari', ru: 'Лекарственные препараты', en: 'Medications' },
  },
  {
    key: 'results',
    resourceType: 'Observation',
    loinc: '30954-2',
    display: 'Relevant diagnostic tests/laboratory data Narrative',
    title: { uz: 'Natijalar', ru: 'Результаты исследований', en: 'Results' },
  },
  {
    key: 'vitalSigns',
    resourceType: 'Observation',
    loinc: '8716-3',
    display: 'Vital signs',
    title: { uz: 'Hayotiy koʻrsatkichlar', ru: 'Показатели жизнедеятельности', en: 'Vital signs' },
  },
  {
    key: 'encounters',
    resourceType: 'Encounter',
    loinc: '46240-8',
    display: 'History of Hospitalizations+Outpatient visits Narrative',
    title: { uz: 'Tashriflar', ru: 'Обращения', en: 'Encounters' },
  },
];

/** The summary itself: LOINC 60591-5. */
export const SUMMARY_TITLE: Text3 = { uz: 'Bemor xulosasi', ru: 'Сводка о пациенте', en: 'Patient summary' };

const PHARMACIST_SECTIONS: readonly SectionKey[] = ['allergies', 'problems', 'medications'];

/**
 * Which sections the caller gets (docs/contract.md §8: limited by role and scopes). A pharmacist needs what is safe
 * to dispense against — allergies, problems, medications — not the whole record; a token without
 * `user/Observation.r` gets no results or vital signs.
 */
export function sectionsFor(principal: Principal): readonly SectionDefinition[] {
  return SECTIONS.filter(
    (section) =>
      (principal.role !== 'pharmacist' || PHARMACIST_SECTIONS.includes(section.key)) &&
      scopeAllowsRead(principal, section.resourceType),
  );
}
