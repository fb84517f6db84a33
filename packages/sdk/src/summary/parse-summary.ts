import type { Bundle, Patient } from '../fhir/types.js';
import { asArray, asObject, asString, codesOf, narrativeText, referenceKey, type Json } from './json-values.js';
import { parseAllergy, parseEncounter, parseMedication, parseObservation, parseProblem } from './parse-entries.js';
import { SECTION_CODES } from './section-codes.js';
import type { AllergyEntry, PatientSummary, SummaryEmptyReason, SummarySection, SummarySections } from './types.js';

const EMPTY_REASONS: readonly SummaryEmptyReason[] = [
  'nilknown',
  'notasked',
  'withheld',
  'unavailable',
  'notstarted',
  'closed',
];

const SNOMED = 'http://snomed.info/sct';
/** SNOMED "no known allergy" and its kinds (drug, food, environmental, insect): a statement, not an allergy. */
const NO_KNOWN_ALLERGY = new Set(['716186003', '409137002', '429625007', '428607008', '428197003']);
const IPS_ABSENT = 'http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips';

function emptyReasonOf(concept: unknown): SummaryEmptyReason | undefined {
  const code = codesOf(concept)[0];
  if (code === undefined) return undefined;
  return EMPTY_REASONS.includes(code as SummaryEmptyReason) ? (code as SummaryEmptyReason) : 'unavailable';
}

function emptySection<Entry>(): SummarySection<Entry> {
  // A section the server left out (the caller's role or scopes do not cover it) is "no information".
  return { entries: [], emptyReason: 'notasked' };
}

/**
 * "No known allergies" is recorded as an AllergyIntolerance coded SNOMED 716186003 (or the IPS absent/unknown
 * codes). Shown as an allergy it would read as one; the section becomes "none known" (or "no information")
 * instead, unless real allergies are listed too, in which case the statement is simply dropped.
 */
function normalizeAllergies(section: SummarySection<AllergyEntry>, raw: Json[]): SummarySection<AllergyEntry> {
  const statementOf = (resource: Json): SummaryEmptyReason | undefined => {
    if (codesOf(resource.code, SNOMED).some((code) => NO_KNOWN_ALLERGY.has(code))) return 'nilknown';
    const absent = codesOf(resource.code, IPS_ABSENT)[0];
    if (absent === undefined) return undefined;
    return absent.startsWith('no-known') ? 'nilknown' : 'notasked';
  };
  const real = section.entries.filter((_, i) => statementOf(raw[i]!) === undefined);
  if (real.length === section.entries.length) return section;
  if (real.length > 0) return { ...section, entries: real };
  const reasons = raw.map(statementOf);
  const { entries: _dropped, ...rest } = section;
  return { ...rest, entries: [], emptyReason: reasons.includes('nilknown') ? 'nilknown' : 'notasked' };
}

/**
 * Turns a `$summary` document Bundle into sections of display-ready entries. Throws a TypeError when the
 * document has no Composition or no Patient (not a summary at all); anything else malformed is skipped.
 */
export function parseSummary(bundle: Bundle): PatientSummary {
  const entries = asArray((bundle as unknown as Json).entry).flatMap((e): Json[] => {
    const resource = asObject(asObject(e)?.resource);
    return resource ? [resource] : [];
  });
  const composition = entries.find((r) => r.resourceType === 'Composition');
  if (!composition) throw new TypeError('The summary document has no Composition.');
  const byKey = new Map<string, Json>();
  for (const resource of entries) {
    const type = asString(resource.resourceType);
    const id = asString(resource.id);
    if (type && id) byKey.set(`${type}/${id}`, resource);
  }
  const patientKey = referenceKey(asArray(composition.subject)[0] ?? composition.subject);
  const patient = (patientKey ? byKey.get(patientKey) : undefined) ?? entries.find((r) => r.resourceType === 'Patient');
  if (!patient) throw new TypeError('The summary document has no Patient.');

  const dispensesFor = (requestId: string | undefined): Json[] =>
    entries.filter(
      (r) =>
        r.resourceType === 'MedicationDispense' &&
        asArray(r.authorizingPrescription).some((ref) => referenceKey(ref) === `MedicationRequest/${requestId}`),
    );
  const resolve = (key: string) => byKey.get(key);

  const sections: SummarySections = {
    allergies: emptySection(),
    problems: emptySection(),
    medications: emptySection(),
    results: emptySection(),
    vitalSigns: emptySection(),
    encounters: emptySection(),
  };

  for (const item of asArray(composition.section)) {
    const section = asObject(item);
    const key = SECTION_CODES[codesOf(section?.code)[0] ?? ''];
    if (!section || !key) continue;
    const resources = asArray(section.entry).flatMap((ref): Json[] => {
      const found = byKey.get(referenceKey(ref) ?? '');
      return found ? [found] : [];
    });
    const base = {
      title: asString(section.title),
      emptyReason: emptyReasonOf(section.emptyReason),
      emptyText: asString(asObject(section.emptyReason)?.text),
      text: narrativeText(section.text),
    };
    const ofType = (type: string) => resources.filter((r) => r.resourceType === type);
    switch (key) {
      case 'allergies': {
        const raw = ofType('AllergyIntolerance');
        sections.allergies = normalizeAllergies(withEntries(base, raw.map(parseAllergy)), raw);
        break;
      }
      case 'problems':
        sections.problems = withEntries(base, ofType('Condition').map(parseProblem));
        break;
      case 'medications':
        sections.medications = withEntries(
          base,
          ofType('MedicationRequest').map((r) => parseMedication(r, dispensesFor(asString(r.id)), resolve)),
        );
        break;
      case 'results':
      case 'vitalSigns': {
        const observations = ofType('Observation');
        // A panel's members are listed in the section too: show them inside their panel, not twice.
        const inPanels = new Set(
          observations.flatMap((o) => asArray(o.hasMember).flatMap((m) => referenceKey(m) ?? [])),
        );
        const top = observations.filter((o) => !inPanels.has(`Observation/${asString(o.id)}`));
        sections[key] = withEntries(
          base,
          top.map((o) => parseObservation(o, resolve)),
        );
        break;
      }
      case 'encounters':
        sections.encounters = withEntries(base, ofType('Encounter').map(parseEncounter));
        break;
    }
  }

  return {
    patient: patient as unknown as Patient,
    sections,
    timestamp: asString((bundle as unknown as Json).timestamp),
    language: asString(composition.language),
  };
}

function withEntries<Entry>(
  base: { title?: string; emptyReason?: SummaryEmptyReason; emptyText?: string; text?: string },
  entries: Entry[],
): SummarySection<Entry> {
  const section: SummarySection<Entry> = { entries };
  if (base.title !== undefined) section.title = base.title;
  if (base.text !== undefined) section.text = base.text;
  if (entries.length === 0) {
    section.emptyReason = base.emptyReason ?? 'notasked';
    if (base.emptyText !== undefined) section.emptyText = base.emptyText;
  }
  return section;
}
