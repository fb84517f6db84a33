import type { FhirResource, Seed, Text3 } from '../../../seed/types.js';

const TERMINOLOGY = 'https://terminology.dhp.uz/fhir/core/ValueSet/';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const SNOMED = 'http://snomed.info/sct';
const DOSE_FORM = 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-doseform-cs';
const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';

/** One code of a value set, with its display in the catalogue languages (uz-Cyrl is transliterated). */
export interface ValueSetConcept {
  system: string;
  code: string;
  display: Text3;
}

export interface ValueSetDefinition {
  /** Canonical URL (DHP's, where DHP defines the value set). */
  url: string;
  name: string;
  title: string;
  /** The codes, from the seed's catalogues: the mock server knows only the subset it was seeded with. */
  concepts(seed: Seed): ValueSetConcept[];
}

function unique(concepts: ValueSetConcept[]): ValueSetConcept[] {
  const seen = new Set<string>();
  return concepts.filter((concept) => {
    const key = `${concept.system}|${concept.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Translatable {
  text?: string;
  _text?: { extension?: { url?: string; extension?: { url?: string; valueCode?: string; valueString?: string }[] }[] };
  coding?: { system?: string; code?: string; display?: string }[];
}

/** The allergen of a seeded AllergyIntolerance, with its text in the record's language and its translations. */
function allergenOf(resource: FhirResource): ValueSetConcept | undefined {
  const code = resource.code as Translatable | undefined;
  const coding = code?.coding?.[0];
  if (!coding?.system || !coding.code) return undefined;
  const english = coding.display ?? coding.code;
  const texts: Partial<Text3> = {};
  const own = resource.language === 'ru' ? 'ru' : 'uz';
  if (code?.text) texts[own] = code.text;
  for (const translation of code?._text?.extension ?? []) {
    if (translation.url !== TRANSLATION) continue;
    const lang = translation.extension?.find((e) => e.url === 'lang')?.valueCode;
    const content = translation.extension?.find((e) => e.url === 'content')?.valueString;
    if ((lang === 'uz' || lang === 'ru' || lang === 'en') && content) texts[lang] = content;
  }
  return {
    system: coding.system,
    code: coding.code,
    display: { uz: texts.uz ?? english, ru: texts.ru ?? english, en: texts.en ?? english },
  };
}

/** The value sets `$expand` serves (docs/contract.md: ICD-10 diagnoses, routes, dose forms, allergens). */
export const VALUE_SETS: readonly ValueSetDefinition[] = [
  {
    url: `${TERMINOLOGY}condition-code-vs`,
    name: 'ConditionCodeVS',
    title: 'Condition codes (ICD-10)',
    concepts: (seed) => seed.icd10.map((entry) => ({ system: ICD10, code: entry.code, display: entry.display })),
  },
  {
    url: `${TERMINOLOGY}route-code-vs`,
    name: 'RouteCodeVS',
    title: 'Routes of administration',
    concepts: (seed) =>
      unique(seed.formulary.map((entry) => ({ system: SNOMED, code: entry.route.code, display: entry.route.display }))),
  },
  {
    url: `${TERMINOLOGY}medication-doseform-vs`,
    name: 'MedicationDoseFormVS',
    title: 'Medication dose forms',
    concepts: (seed) =>
      unique(
        seed.formulary.map((entry) => ({ system: DOSE_FORM, code: entry.form.code, display: entry.form.display })),
      ),
  },
  {
    url: `${TERMINOLOGY}allergen-codes-vs`,
    name: 'AllergenCodesVS',
    title: 'Allergens',
    concepts: (seed) =>
      unique([
        ...seed.resources.flatMap((resource) =>
          resource.resourceType === 'AllergyIntolerance' ? (allergenOf(resource) ?? []) : [],
        ),
        ...seed.allergyClasses.flatMap((allergyClass) =>
          allergyClass.codes.map((code) => ({
            system: code.system,
            code: code.code,
            display: { uz: code.display, ru: code.display, en: code.display },
          })),
        ),
      ]),
  },
];

/** The value set of a canonical, with or without `|version`. */
export function valueSetFor(url: string): ValueSetDefinition | undefined {
  const canonical = url.split('|')[0];
  return VALUE_SETS.find((valueSet) => valueSet.url === canonical);
}
