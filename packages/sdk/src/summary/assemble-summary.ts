import type { Client } from 'openapi-fetch';
import { isShifoError } from '../errors/shifo-error.js';
import type { FhirPaths } from '../fhir/paths.js';
import type { Bundle } from '../fhir/types.js';
import { unwrap } from '../transport/unwrap.js';
import { asArray, asObject, asString, codesOf, referenceKey, type Json } from './json-values.js';
import { withDispensedQuantity } from './dispensed-quantity.js';
import { LOINC, SECTION_LOINC } from './section-codes.js';
import type { SummarySections } from './types.js';

/** What the server's `$summary` sends at most: the same limits keep both paths alike. */
const MAX_RESULTS = 300;
const MAX_VITALS = 100;
const MAX_ENCOUNTERS = 50;
const PAGE = 100;

/** A section's resources; `recorded` says whether anything was on file before filtering to what is current. */
type Section = { resources: Json[]; withheld?: boolean; recorded?: boolean };

/** `YYYY-MM-DD` twelve months before `now`: the server's default window. */
function defaultSince(now: Date): string {
  const since = new Date(now);
  since.setFullYear(since.getFullYear() - 1);
  return since.toISOString().slice(0, 10);
}

/**
 * The resources of a search, following `next` links up to `limit`. A refusal by consent (403) is a withheld
 * section, not a failure of the whole summary: the other sections (allergies first) still show.
 */
async function searchAll(
  fhir: Client<FhirPaths>,
  type: string,
  query: Record<string, string | number>,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<Section> {
  const resources: Json[] = [];
  try {
    for (let page = 1; resources.length < limit; page += 1) {
      const count = Math.min(PAGE, limit - resources.length);
      // The path is one of the contract's search routes; its query type differs per type, hence the cast.
      const search = fhir.GET as unknown as (path: string, init: object) => Promise<{ data?: Bundle; error?: unknown }>;
      const bundle = unwrap(
        (await search(`/${type}`, {
          params: { query: { ...query, _count: count, _page: page } },
          signal,
        })) as never,
      ) as Bundle;
      const found = asArray((bundle as unknown as Json).entry).flatMap((entry) => {
        const resource = asObject(asObject(entry)?.resource);
        return resource?.resourceType === type ? [resource] : [];
      });
      resources.push(...found);
      const hasNext = asArray((bundle as unknown as Json).link).some((link) => asObject(link)?.relation === 'next');
      if (!hasNext || found.length === 0) break;
    }
    return { resources };
  } catch (failure) {
    if (isShifoError(failure) && failure.kind === 'forbidden') return { resources: [], withheld: true };
    throw failure;
  }
}

const ACTIVE_CONDITION = new Set(['active', 'recurrence', 'relapse']);
const CURRENT_MEDICATION = new Set(['active', 'on-hold']);
const NOT_TRUE = new Set(['refuted', 'entered-in-error']);

/** Newest first by a date element, as the server's summary orders prescriptions, problems and allergies. */
const newest =
  (element: string) =>
  (a: Json, b: Json): number =>
    (asString(b[element]) ?? '').localeCompare(asString(a[element]) ?? '');

const CRITICALITY_RANK: Record<string, number> = { high: 0, 'unable-to-assess': 1, low: 2 };

/** The latest vital sign per LOINC code (a blood-pressure panel counts as one), as the server's summary has it. */
function latestPerCode(observations: Json[]): Json[] {
  const latest = new Map<string, Json>();
  for (const observation of observations) {
    const code = codesOf(observation.code, LOINC)[0] ?? codesOf(observation.code)[0] ?? asString(observation.id) ?? '';
    const when = asString(observation.effectiveDateTime) ?? '';
    const previous = latest.get(code);
    if (!previous || when > (asString(previous.effectiveDateTime) ?? '')) latest.set(code, observation);
  }
  return [...latest.values()];
}

/**
 * The patient summary put together from searches made in parallel, for servers without `$summary` (DHP's
 * CapabilityStatement lists none): the same sections, windows and limits as the operation, as a `document` Bundle
 * that `parseSummary` reads like the server's. Sections the caller may not read are marked `withheld`.
 */
export async function assembleSummary(
  fhir: Client<FhirPaths>,
  id: string,
  options: { since?: string; signal?: AbortSignal; now?: Date } = {},
): Promise<Bundle> {
  const { signal } = options;
  const since = options.since ?? defaultSince(options.now ?? new Date());
  const patient = `Patient/${id}`;
  const [patientResource, allergies, conditions, requests, results, vitals, encounters] = await Promise.all([
    fhir.GET('/Patient/{id}', { params: { path: { id } }, signal }).then(unwrap),
    searchAll(fhir, 'AllergyIntolerance', { patient }, PAGE, signal),
    searchAll(fhir, 'Condition', { patient, 'clinical-status': [...ACTIVE_CONDITION].join(',') }, PAGE, signal),
    searchAll(fhir, 'MedicationRequest', { patient, status: [...CURRENT_MEDICATION].join(',') }, PAGE, signal),
    searchAll(
      fhir,
      'Observation',
      { patient, category: 'laboratory', date: `ge${since}`, _sort: '-date' },
      MAX_RESULTS,
      signal,
    ),
    searchAll(
      fhir,
      'Observation',
      { patient, category: 'vital-signs', date: `ge${since}`, _sort: '-date' },
      MAX_VITALS,
      signal,
    ),
    searchAll(fhir, 'Encounter', { patient, date: `ge${since}`, _sort: '-date' }, MAX_ENCOUNTERS, signal),
  ]);

  const currentAllergies = allergies.resources.filter(
    (a) =>
      !codesOf(a.verificationStatus).some((code) => NOT_TRUE.has(code)) &&
      !codesOf(a.clinicalStatus).some((code) => code !== 'active'),
  );
  currentAllergies.sort(
    (a, b) =>
      (CRITICALITY_RANK[asString(a.criticality) ?? ''] ?? 3) - (CRITICALITY_RANK[asString(b.criticality) ?? ''] ?? 3) ||
      newest('recordedDate')(a, b),
  );
  const activeConditions = conditions.resources.filter(
    (c) =>
      codesOf(c.clinicalStatus).some((code) => ACTIVE_CONDITION.has(code)) &&
      !codesOf(c.verificationStatus).some((code) => NOT_TRUE.has(code)),
  );
  activeConditions.sort(newest('recordedDate'));
  const currentRequests = requests.resources
    .filter((r) => CURRENT_MEDICATION.has(asString(r.status) ?? ''))
    .sort(newest('authoredOn'));
  const requestKeys = currentRequests.map((r) => `MedicationRequest/${asString(r.id)}`);
  // Dispenses of the current prescriptions only (a long history holds hundreds of older ones), one search each, at once.
  const dispenses = {
    resources: (
      await Promise.all(
        requestKeys.map((prescription) =>
          searchAll(fhir, 'MedicationDispense', { patient, prescription }, PAGE, signal),
        ),
      )
    ).flatMap((section) => section.resources),
  };
  const theirDispenses = dispenses.resources.filter((d) =>
    asArray(d.authorizingPrescription).some((ref) => requestKeys.includes(referenceKey(ref) ?? '')),
  );
  const medicationIds = [
    ...new Set(
      currentRequests.flatMap((r) => {
        const medication = asObject(r.medication);
        if (medication?.concept !== undefined) return [];
        return referenceKey(medication?.reference)?.match(/^Medication\/(.+)$/)?.[1] ?? [];
      }),
    ),
  ];
  const medications = await Promise.all(
    medicationIds.map((medicationId) =>
      fhir
        .GET('/Medication/{id}', { params: { path: { id: medicationId } }, signal })
        .then((answer) => (answer.data as Json | undefined) ?? [])
        .catch(() => []),
    ),
  );

  const sections: Record<keyof SummarySections, Section> = {
    allergies: { ...allergies, resources: currentAllergies, recorded: allergies.resources.length > 0 },
    problems: { ...conditions, resources: activeConditions, recorded: conditions.resources.length > 0 },
    medications: {
      ...requests,
      resources: [
        ...currentRequests.map((request) => {
          const key = `MedicationRequest/${asString(request.id)}`;
          const ofThis = theirDispenses.filter((d) =>
            asArray(d.authorizingPrescription).some((ref) => referenceKey(ref) === key),
          );
          return withDispensedQuantity(request, ofThis);
        }),
        ...theirDispenses,
      ],
      recorded: requests.resources.length > 0,
    },
    results,
    vitalSigns: { ...vitals, resources: latestPerCode(vitals.resources) },
    encounters,
  };
  const composition: Json = {
    resourceType: 'Composition',
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: [{ reference: patient }],
    date: new Date().toISOString(),
    title: 'Patient summary',
    section: (Object.keys(sections) as (keyof SummarySections)[]).map((key) => {
      const { resources, withheld, recorded } = sections[key];
      const code = { coding: [{ system: LOINC, code: SECTION_LOINC[key] }] };
      if (resources.length > 0)
        return { code, entry: resources.map((r) => ({ reference: `${asString(r.resourceType)}/${asString(r.id)}` })) };
      // As the server says it: on file but none current is "none known"; nothing on file is "no information".
      const reason = withheld ? 'withheld' : recorded ? 'nilknown' : 'notasked';
      return { code, emptyReason: { coding: [{ code: reason }] } };
    }),
  };
  const all = [
    composition,
    patientResource as unknown as Json,
    ...Object.values(sections).flatMap((section) => section.resources),
    ...medications.flat(),
  ];
  return {
    resourceType: 'Bundle',
    type: 'document',
    timestamp: new Date().toISOString(),
    entry: all.map((resource) => ({ resource })),
  } as unknown as Bundle;
}
