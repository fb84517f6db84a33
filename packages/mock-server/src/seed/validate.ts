/** Consistency checks of a built seed (used by tests; not run by `buildSeed`, to keep it fast). */
import type { FhirResource, Seed } from './types.js';

/** Ids of resources the server loads from the DHP fixtures, which seed resources may reference. */
export const FIXTURE_IDS: ReadonlySet<string> = new Set([
  'Patient/example-nodira',
  'Patient/example-salim',
  'Patient/example-david',
  'Organization/example-organization',
  'Practitioner/example-practitioner',
  'PractitionerRole/example-practitionerrole',
  'Medication/example-medication',
  'Encounter/example-encounter',
  'Condition/example-headache',
  'MedicationRequest/example-medication-request',
  'Questionnaire/PatientSatisfactionQuestionnaire',
]);

const ID_PATTERN = /^[A-Za-z0-9\-.]{1,64}$/;

function collectReferences(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else collectReferences(v, out);
    }
  }
}

/** Problems found in a seed: duplicate or malformed ids, missing profiles, dangling references. */
export function validateSeed(seed: Seed): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const r of seed.resources) {
    const key = `${r.resourceType}/${r.id}`;
    if (keys.has(key)) problems.push(`duplicate ${key}`);
    keys.add(key);
    if (!ID_PATTERN.test(r.id)) problems.push(`bad id ${key}`);
    const meta = r.meta as { profile?: unknown } | undefined;
    const profiles = Array.isArray(meta?.profile) ? meta.profile : [];
    if (
      !profiles.some(
        (p) => typeof p === 'string' && p.startsWith('https://dhp.uz/fhir/core/StructureDefinition/uz-core-'),
      )
    ) {
      problems.push(`no UZ Core profile on ${key}`);
    }
  }
  const check = (owner: string, ref: string): void => {
    if (!/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(ref)) problems.push(`${owner}: malformed reference ${ref}`);
    else if (!keys.has(ref) && !FIXTURE_IDS.has(ref)) problems.push(`${owner}: dangling reference ${ref}`);
  };
  for (const r of seed.resources) {
    const refs: string[] = [];
    collectReferences(r, refs);
    for (const ref of refs) check(`${r.resourceType}/${r.id}`, ref);
  }
  const has = (type: string, id: string | undefined): boolean =>
    id === undefined || keys.has(`${type}/${id}`) || FIXTURE_IDS.has(`${type}/${id}`);
  if (seed.kind !== 'none') {
    for (const u of seed.users) {
      if (!has('Organization', u.facilityId)) problems.push(`user ${u.username}: facility ${u.facilityId} missing`);
      if (!has('Organization', u.organizationId)) problems.push(`user ${u.username}: organization missing`);
      if (!has('Practitioner', u.practitionerId)) problems.push(`user ${u.username}: practitioner missing`);
      if (!has('PractitionerRole', u.practitionerRoleId)) problems.push(`user ${u.username}: role missing`);
      if (!has('Patient', u.patientId)) problems.push(`user ${u.username}: patient missing`);
      if (!has('Location', u.locationId)) problems.push(`user ${u.username}: location missing`);
    }
    for (const q of seed.queueServices) {
      for (const id of [q.locationId, ...q.rooms])
        if (!has('Location', id)) problems.push(`queue ${q.id}: location ${id} missing`);
      for (const s of q.schedules) {
        if (!has('PractitionerRole', s.practitionerRoleId))
          problems.push(`queue ${q.id}: role ${s.practitionerRoleId} missing`);
        if (!has('Location', s.roomId)) problems.push(`queue ${q.id}: room ${s.roomId} missing`);
      }
    }
    for (const c of seed.consents)
      if (!has('Patient', c.patientId)) problems.push(`consent: patient ${c.patientId} missing`);
    for (const f of seed.formulary)
      if (!has('Medication', f.medicationId)) problems.push(`formulary: ${f.medicationId} missing`);
  }
  const usernames = new Set<string>();
  for (const u of seed.users) {
    if (usernames.has(u.username)) problems.push(`duplicate username ${u.username}`);
    usernames.add(u.username);
  }
  return problems;
}

/** Resources of one type. */
export function ofType(seed: Seed, type: string): FhirResource[] {
  return seed.resources.filter((r) => r.resourceType === type);
}
