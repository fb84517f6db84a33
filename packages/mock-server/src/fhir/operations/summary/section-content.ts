import type { StoredResource } from '../../../store/resource-store.js';
import { codesOf, isSince, LOINC, newestFirst, timeOf } from './clinical-facts.js';
import { refersTo, type PatientRecord } from './patient-record.js';
import type { SectionKey } from './sections.js';

/** Why a section is empty (`http://terminology.hl7.org/CodeSystem/list-empty-reason`). */
export type EmptyReason = 'nilknown' | 'notasked' | 'withheld';

export interface SectionContent {
  entries: Readonly<StoredResource>[];
  /** Set when `entries` is empty: "none known" and "no information" must never look alike (IPS). */
  emptyReason?: EmptyReason;
  /** Set when the section was capped: how many matched in all. */
  total?: number;
}

/** Results beyond this many (newest kept) are left to Observation search: the summary stays small and fast. */
export const MAX_RESULTS = 300;
/** Encounters beyond this many (newest kept) are left to Encounter search. */
export const MAX_ENCOUNTERS = 50;

const CURRENT_CONDITION = new Set(['active', 'recurrence', 'relapse']);
const NOT_TRUE = new Set(['refuted', 'entered-in-error']);
const CURRENT_MEDICATION = new Set(['active', 'on-hold']);
const VOID_OBSERVATION = new Set(['entered-in-error', 'cancelled']);

function isCurrentAllergy(allergy: Readonly<StoredResource>): boolean {
  const clinical = codesOf(allergy.clinicalStatus);
  return (
    (clinical.length === 0 || clinical.includes('active')) &&
    !codesOf(allergy.verificationStatus).some((c) => NOT_TRUE.has(c))
  );
}

function isActiveCondition(condition: Readonly<StoredResource>): boolean {
  return (
    codesOf(condition.clinicalStatus).some((c) => CURRENT_CONDITION.has(c)) &&
    !codesOf(condition.verificationStatus).some((c) => NOT_TRUE.has(c))
  );
}

function hasCategory(observation: Readonly<StoredResource>, category: string): boolean {
  return codesOf(observation.category).includes(category) && !VOID_OBSERVATION.has(String(observation.status));
}

/**
 * Entries, or the reason there are none: recorded-but-none-current is "none known", never recorded is "not asked".
 * Sections cut by the time window (results, vital signs, encounters) pass `anyRecorded: false`: readings older than
 * the window say nothing about now, so "none known" would mislead (a patient whose only blood pressure is two years
 * old has no information in the window, not a known absence).
 */
function listed(entries: Readonly<StoredResource>[], anyRecorded: boolean, total?: number): SectionContent {
  if (entries.length > 0) return total !== undefined && total > entries.length ? { entries, total } : { entries };
  return { entries, emptyReason: anyRecorded ? 'nilknown' : 'notasked' };
}

const criticalityRank: Record<string, number> = { high: 0, 'unable-to-assess': 1, low: 2 };

function allergies(record: PatientRecord): SectionContent {
  const current = record.allergies
    .filter(isCurrentAllergy)
    .sort(
      (a, b) =>
        (criticalityRank[String(a.criticality)] ?? 3) - (criticalityRank[String(b.criticality)] ?? 3) ||
        String(b.recordedDate ?? '').localeCompare(String(a.recordedDate ?? '')),
    );
  return listed(current, record.allergies.length > 0);
}

function problems(record: PatientRecord): SectionContent {
  const active = record.conditions
    .filter(isActiveCondition)
    .sort((a, b) => String(b.recordedDate ?? '').localeCompare(String(a.recordedDate ?? '')));
  return listed(active, record.conditions.length > 0);
}

/** Current prescriptions, newest first, each followed by the dispenses made against it. */
function medications(record: PatientRecord): SectionContent {
  const current = record.medicationRequests
    .filter((request) => CURRENT_MEDICATION.has(String(request.status)))
    .sort((a, b) => String(b.authoredOn ?? '').localeCompare(String(a.authoredOn ?? '')));
  const entries: Readonly<StoredResource>[] = [];
  for (const request of current) {
    entries.push(request);
    entries.push(...dispensesOf(record, request.id));
  }
  return listed(entries, record.medicationRequests.length > 0);
}

/** The dispenses recorded against one prescription (entered-in-error ones excluded), oldest first. */
export function dispensesOf(record: PatientRecord, requestId: string): Readonly<StoredResource>[] {
  return record.medicationDispenses
    .filter(
      (dispense) =>
        dispense.status !== 'entered-in-error' &&
        ((dispense.authorizingPrescription as { reference?: string }[] | undefined) ?? []).some((ref) =>
          refersTo(ref.reference, 'MedicationRequest', requestId),
        ),
    )
    .sort((a, b) => String(a.whenHandedOver ?? '').localeCompare(String(b.whenHandedOver ?? '')));
}

/**
 * Laboratory results in the window, newest first, at most MAX_RESULTS. A panel kept keeps its members (they are
 * resulted at the same time, so the cap seldom splits one).
 */
function results(record: PatientRecord, since: string): SectionContent {
  const laboratory = record.observations.filter((o) => hasCategory(o, 'laboratory'));
  const inWindow = newestFirst(laboratory.filter((o) => isSince(o, since)));
  const kept = inWindow.slice(0, MAX_RESULTS);
  const keptIds = new Set(kept.map((o) => o.id));
  const byId = new Map(inWindow.map((o) => [o.id, o]));
  for (const panel of [...kept]) {
    for (const member of (panel.hasMember as { reference?: string }[] | undefined) ?? []) {
      const id = member.reference?.split('/').pop();
      const found = id === undefined ? undefined : byId.get(id);
      if (found && !keptIds.has(found.id)) {
        keptIds.add(found.id);
        kept.push(found);
      }
    }
  }
  return listed(kept, false, inWindow.length);
}

/** The latest vital sign per LOINC code in the window (a blood-pressure panel counts as one). */
function vitalSigns(record: PatientRecord, since: string): SectionContent {
  const vitals = record.observations.filter((o) => hasCategory(o, 'vital-signs'));
  const latest = new Map<string, Readonly<StoredResource>>();
  for (const observation of vitals) {
    if (!isSince(observation, since)) continue;
    const code = codesOf(observation.code, LOINC)[0] ?? codesOf(observation.code)[0] ?? observation.id;
    const previous = latest.get(code);
    if (!previous || timeOf(observation) > timeOf(previous)) latest.set(code, observation);
  }
  return listed(newestFirst([...latest.values()]), false);
}

function encounters(record: PatientRecord, since: string): SectionContent {
  const valid = record.encounters.filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled');
  const inWindow = newestFirst(valid.filter((e) => isSince(e, since)));
  return listed(inWindow.slice(0, MAX_ENCOUNTERS), false, inWindow.length);
}

/** What goes into one section of the summary, of what the caller may read. */
export function sectionContent(
  key: SectionKey,
  record: PatientRecord,
  since: string,
  mayRead: (resource: Readonly<StoredResource>) => boolean,
): SectionContent {
  const content = selectedContent(key, record, since);
  if (content.entries.every(mayRead)) return content;
  const entries = content.entries.filter(mayRead);
  return entries.length > 0 ? { ...content, entries } : { entries, emptyReason: 'withheld' };
}

function selectedContent(key: SectionKey, record: PatientRecord, since: string): SectionContent {
  switch (key) {
    case 'allergies':
      return allergies(record);
    case 'problems':
      return problems(record);
    case 'medications':
      return medications(record);
    case 'results':
      return results(record, since);
    case 'vitalSigns':
      return vitalSigns(record, since);
    case 'encounters':
      return encounters(record, since);
  }
}
