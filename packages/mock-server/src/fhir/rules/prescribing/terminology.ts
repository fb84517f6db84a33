/** Code systems and codes the prescribing rules read and write (DHP-CONTRACT-BRIEF.md §3, docs/contract.md §2). */

export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
export const INN_SYSTEM = 'https://terminology.dhp.uz/fhir/core/CodeSystem/inn-medication-name-cs';
export const ATC_SYSTEM = 'http://www.whocc.no/atc';
export const V2_0203_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const STATUS_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason';
/** DHP's national order type for reimbursement prescriptions (brief §3.2): valid 30 days at most. */
export const REIMBURSED_ORDER = {
  system: 'https://terminology.dhp.uz/fhir/core/CodeSystem/medication-request-order-type-cs',
  code: 'rembr-0001-00001',
};

/** `MedicationRequest.statusReason` codes (required binding, brief §3.4). */
export const STATUS_REASON_CODES: ReadonlySet<string> = new Set([
  'altchoice',
  'clarif',
  'drughigh',
  'hospadm',
  'labint',
  'non-avail',
  'preg',
  'salg',
  'sddi',
  'sdupther',
  'sintol',
  'surg',
  'washout',
]);

/** The prescriber-side checks that refuse unless overridden, named by their DHP statusReason code. */
export type FindingCode = 'salg' | 'sdupther' | 'drughigh';

/** The statusReason labels of the findings, as DHP's supplement and HL7 write them (brief §3.4). */
const FINDING_LABELS: Record<FindingCode, Record<Language, string>> = {
  salg: { uz: 'Allergiya', 'uz-Cyrl': 'Аллергия', ru: 'Аллергия', en: 'Allergy' },
  sdupther: {
    uz: 'Takroriy (dublikat) terapiya',
    'uz-Cyrl': 'Такрорий (дубликат) терапия',
    ru: 'Дублирующая терапия',
    en: 'Duplicate therapy',
  },
  drughigh: {
    uz: 'Dori vositasining darajasi juda yuqori',
    'uz-Cyrl': 'Дори воситасининг даражаси жуда юқори',
    ru: 'Слишком высокий уровень лекарственного средства',
    en: 'Drug level too high',
  },
};

export type Language = 'uz' | 'uz-Cyrl' | 'ru' | 'en';

/** The first language of an `Accept-Language` header that Shifo speaks; Uzbek (Latin) by default. */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const tags = value
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag === 'uz-cyrl' || tag.startsWith('uz-cyrl-')) return 'uz-Cyrl';
    if (tag === 'uz' || tag.startsWith('uz-')) return 'uz';
    if (tag === 'ru' || tag.startsWith('ru-')) return 'ru';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'uz';
}

export function findingLabel(code: FindingCode, language: Language): string {
  return FINDING_LABELS[code][language];
}
