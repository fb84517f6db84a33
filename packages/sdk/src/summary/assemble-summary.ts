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

/** The path and query of a `next` link under the FHIR base, or undefined when it leads elsewhere. */
function nextPage(bundle: Json, fhirBaseUrl: string): { path: string; query: Record<string, string> } | undefined {
  const next = asArray(bundle.link)
    .map(asObject)
    .find((link) => link?.relation === 'next');
  const url = asString(next?.url);
  if (!url) return undefined;
  const parsed = new URL(url, `${fhirBaseUrl}/`);
  const base = new URL(`${fhirBaseUrl}/`);
  if (parsed.origin !== base.origin || !parsed.pathname.startsWith(base.pathname.replace(/\/$/, ''))) return undefined;
  const path = parsed.pathname.slice(base.pathname.replace(/\/$/, '').length) || '/';
  return { path, query: Object.fromEntries(parsed.searchParams) };
}

/**
 * The resources of a search, following the server's `next` links (whatever its paging: `_page`, `_getpages`, ...)
 * up to `limit`. A refusal (403: consent, role) is a withheld section, not a failure of the whole summary: the other
 * sections (allergies first) still show.
 */
async function searchAll(
  connection: { fhir: Client<FhirPaths>; fhirBaseUrl: string },
  type: string,
  query: Record<string, string | number>,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<Section> {
  // The path is one of the contract's search routes (or a server's paging link); its query type differs per type.
  const get = connection.fhir.GET as unknown as (path: string, init: object) => Promise<{ data?: Bundle }>;
  const resources: Json[] = [];
  try {
    let page: { path: string; query: Record<string, string | number> } | undefined = {
      path: `/${type}`,
      query: { ...query, _count: Math.min(PAGE, limit) },
    };
    while (page && resources.length < limit) {
      const bundle = unwrap((await get(page.path, { params: { query: page.query }, signal })) as never) as Json;
      const found = asArray(bundle.entry).flatMap((entry) => {
        const resource = asObject(asObject(entry)?.resource);
        return resource?.resourceType === type ? [resource] : [];
      });
      resources.push(...found);
      page = found.length > 0 ? nextPage(bundle, connection.fhirBaseUrl) : undefined;
    }
    return { resources: resources.slice(0, limit) };
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
  connection: { fhir: Client<FhirPaths>; fhirBaseUrl: string },
  id: string,
  options: { since?: string; signal?: AbortSignal; now?: Date } = {},
): Promise<Bundle> {
  const { signal } = options;
  const { fhir } = connection;
  const since = options.since ?? defaultSince(options.now ?? new Date());
  const patient = `Patient/${id}`;
  const [patientResource, allergies, conditions, requests, results, vitals, encounters] = await Promise.all([
    fhir.GET('/Patient/{id}', { params: { path: { id } }, signal }).then(unwrap),
    searchAll(connection, 'AllergyIntolerance', { patient }, PAGE, signal),
    searchAll(connection, 'Condition', { patient, 'clinical-status': [...ACTIVE_CONDITION].join(',') }, PAGE, signal),
    searchAll(connection, 'MedicationRequest', { patient, status: [...CURRENT_MEDICATION].join(',') }, PAGE, signal),
    searchAll(
      connection,
      'Observation',
      { patient, category: 'laboratory', date: `ge${since}`, _sort: '-date' },
      MAX_RESULTS,
      signal,
    ),
    searchAll(
      connection,
      'Observation',
      { patient, category: 'vital-signs', date: `ge${since}`, _sort: '-date' },
      MAX_VITALS,
      signal,
    ),
    searchAll(connection, 'Encounter', { patient, date: `ge${since}`, _sort: '-date' }, MAX_ENCOUNTERS, signal),
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
          searchAll(connection, 'MedicationDispense', { patient, prescription }, PAGE, signal),
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
