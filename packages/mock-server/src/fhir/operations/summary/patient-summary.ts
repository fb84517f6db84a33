import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../audit/audit-log.js';
import { caller, type Handler } from '../../../handler.js';
import { HttpError } from '../../../http/http-error.js';
import type { Text3 } from '../../../seed/types.js';
import type { ResourceStore, StoredResource } from '../../../store/resource-store.js';
import { referencedId } from '../../rules/prescribing/references.js';
import { accessFor } from '../../access/access-guard.js';
import { isConsentRefusal } from '../consent-refusal.js';
import { negotiateLanguage, textIn, type Language } from '../../../http/language.js';
import { LOINC, sinceDate } from './clinical-facts.js';
import { withDispensedQuantity } from '@shifo/sdk';
import { maskedPatient } from './mask-identifiers.js';
import { scopeAllowsRead } from './scope-check.js';
import { collectPatientRecord, type PatientRecord } from './patient-record.js';
import { dispensesOf, sectionContent, type EmptyReason, type SectionContent } from './section-content.js';
import { sectionsFor, SUMMARY_TITLE, type SectionDefinition } from './sections.js';

const LIST_EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';

const emptyReasonText: Record<EmptyReason, { display: string; text: Text3 }> = {
  nilknown: { display: 'Nil Known', text: { uz: 'Maʼlum boʻlganlari yoʻq', ru: 'Не выявлено', en: 'None known' } },
  notasked: { display: 'Not Asked', text: { uz: 'Maʼlumot yoʻq', ru: 'Нет сведений', en: 'No information' } },
  withheld: {
    display: 'Information Withheld',
    text: {
      uz: 'Bemor maʼlumot almashishni cheklagan',
      ru: 'Пациент ограничил доступ к сведениям',
      en: 'Withheld: the patient restricted sharing',
    },
  },
};

/** Default window of results, vital signs and encounters: the last 12 months. */
function defaultSince(now: Date): string {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since.toISOString().slice(0, 10);
}

function cappedNote(shown: number, total: number, language: Language): { status: string; div: string } {
  const text = textIn(
    {
      uz: `Eng soʻnggi ${shown} ta, jami ${total} ta`,
      ru: `Последние ${shown} из ${total}`,
      en: `The ${shown} most recent of ${total}`,
    },
    language,
  );
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${text}</div>` };
}

function compositionSection(
  definition: SectionDefinition,
  content: SectionContent,
  language: Language,
): Record<string, unknown> {
  const section: Record<string, unknown> = {
    title: textIn(definition.title, language),
    code: { coding: [{ system: LOINC, code: definition.loinc, display: definition.display }] },
  };
  if (content.total !== undefined) section.text = cappedNote(content.entries.length, content.total, language);
  if (content.entries.length > 0) {
    section.entry = content.entries.map((resource) => ({ reference: `${resource.resourceType}/${resource.id}` }));
  } else {
    const reason = emptyReasonText[content.emptyReason ?? 'notasked'];
    section.emptyReason = {
      coding: [{ system: LIST_EMPTY_REASON, code: content.emptyReason ?? 'notasked', display: reason.display }],
      text: textIn(reason.text, language),
    };
  }
  return section;
}

/**
 * The Medication a prescription names by reference only (no `medication.concept`), to include in the document as
 * IPS does, so the reader can name the medicine.
 */
function referencedMedication(
  store: ResourceStore,
  resource: Readonly<StoredResource>,
): Readonly<StoredResource> | undefined {
  if (resource.resourceType !== 'MedicationRequest') return undefined;
  const medication = resource.medication as { concept?: unknown; reference?: unknown } | undefined;
  if (medication?.concept !== undefined) return undefined;
  const id = referencedId(medication?.reference, 'Medication');
  return id === undefined ? undefined : store.read('Medication', id);
}

/** The resource as the summary shows it: prescriptions carry what was dispensed; everything else as stored. */
function asShown(resource: Readonly<StoredResource>, record: PatientRecord): Readonly<StoredResource> {
  return resource.resourceType === 'MedicationRequest'
    ? withDispensedQuantity(resource, dispensesOf(record, resource.id))
    : resource;
}

/**
 * `GET /fhir/Patient/{id}/$summary`: an IPS-style `document` Bundle (docs/contract.md §8). A patient who refused
 * sharing still shows allergies to staff who do not treat them (the emergency minimum data set); every other
 * section is marked `withheld`. National identifiers are masked. Audited.
 */
export const getPatientSummary: Handler = (context) => {
  const principal = caller(context);
  const { state, origin } = context;
  const id = String(context.params.id);
  const patient = state.store.read('Patient', id);
  if (!patient) throw HttpError.of(404, 'not-found', `Patient/${id} is not known.`);
  const audit = (outcome: 'success' | 'error') =>
    recordAudit(
      state.store,
      { principal, interaction: 'operation', patientId: id, entity: `Patient/${id}`, outcome },
      state.now(),
    );
  const guard = accessFor(state, principal);
  const refusal = guard.readRefusal(patient);
  // A patient who said "deny", read by staff not treating them: allergies only (DHP's allergy profile: the
  // emergency minimum data set); every other refusal (another patient's record, no prescription) is a 403.
  const withheld = refusal !== undefined && isConsentRefusal(refusal);
  if (refusal && !withheld) {
    audit('error');
    throw refusal;
  }

  const language = negotiateLanguage(context.params['Accept-Language']);
  const since =
    typeof context.params._since === 'string' ? sinceDate(context.params._since) : defaultSince(state.now());
  const record = collectPatientRecord(state.store, id);
  const now = state.now().toISOString();

  const included = new Map<string, Readonly<StoredResource>>([[`Patient/${id}`, maskedPatient(guard.view(patient))]]);
  const sections = sectionsFor(principal).map((definition) => {
    const content: SectionContent =
      withheld && definition.key !== 'allergies'
        ? { entries: [], emptyReason: 'withheld' }
        : sectionContent(
            definition.key,
            record,
            since,
            (resource) => scopeAllowsRead(principal, resource.resourceType) && guard.mayRead(resource),
          );
    for (const resource of content.entries) {
      const key = `${resource.resourceType}/${resource.id}`;
      if (!included.has(key)) included.set(key, asShown(resource, record));
      const medication = referencedMedication(state.store, resource);
      if (medication) included.set(`Medication/${medication.id}`, medication);
    }
    return compositionSection(definition, content, language);
  });

  const compositionId = randomUUID();
  const composition = {
    resourceType: 'Composition',
    id: compositionId,
    language,
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: [{ reference: `Patient/${id}` }],
    date: now,
    author: [{ display: 'Shifo' }],
    title: textIn(SUMMARY_TITLE, language),
    section: sections,
  };
  const lastModified = [...included.values()].reduce(
    (latest, resource) => Math.max(latest, Date.parse(resource.meta?.lastUpdated ?? '') || 0),
    0,
  );
  const bundleId = randomUUID();
  audit('success');
  return {
    status: 200,
    headers: {
      'Content-Language': language,
      ...(lastModified > 0 ? { 'Last-Modified': new Date(lastModified).toUTCString() } : {}),
    },
    body: {
      resourceType: 'Bundle',
      id: bundleId,
      meta: { lastUpdated: now },
      identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${bundleId}` },
      type: 'document',
      timestamp: now,
      entry: [
        { fullUrl: `urn:uuid:${compositionId}`, resource: composition },
        ...[...included.entries()].map(([key, resource]) => ({ fullUrl: `${origin}/fhir/${key}`, resource })),
      ],
    },
  };
};
