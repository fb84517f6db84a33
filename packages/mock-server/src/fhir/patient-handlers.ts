import { recordAudit } from '../audit/audit-log.js';
import { caller, type Handler } from '../handler.js';
import { HttpError } from '../http/http-error.js';
import type { StoredResource } from '../store/resource-store.js';
import { assertMaySeePatient, maySeePatient } from './patient-access.js';
import { pageOf, searchBundle } from './search-bundle.js';
import { startsWithNormalized } from './text-match.js';
import { versionHeaders } from './version-headers.js';

interface HumanName {
  text?: string;
  family?: string;
  given?: string[];
  suffix?: string[];
}

function matchesIdentifier(patient: StoredResource, token: string): boolean {
  const bar = token.indexOf('|');
  const system = bar >= 0 ? token.slice(0, bar) : undefined;
  const value = bar >= 0 ? token.slice(bar + 1) : token;
  const identifiers = (patient.identifier as { system?: string; value?: string }[] | undefined) ?? [];
  return identifiers.some(
    (identifier) =>
      identifier.value === value && (system === undefined || system === '' || identifier.system === system),
  );
}

function names(patient: StoredResource): HumanName[] {
  return (patient.name as HumanName[] | undefined) ?? [];
}

function matchesName(patient: StoredResource, query: string): boolean {
  return names(patient).some((name) =>
    [name.text, name.family, ...(name.given ?? []), ...(name.suffix ?? [])].some((part) =>
      startsWithNormalized(part, query),
    ),
  );
}

function matchesBirthDate(patient: StoredResource, query: string): boolean {
  const match = /^(eq|ne|gt|lt|ge|le)?(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/.exec(query);
  const birthDate = typeof patient.birthDate === 'string' ? patient.birthDate : undefined;
  if (!match || !birthDate) return false;
  const [, prefix = 'eq', date = ''] = match;
  const compared = birthDate.slice(0, date.length);
  switch (prefix) {
    case 'ne':
      return compared !== date;
    case 'gt':
      return compared > date;
    case 'lt':
      return compared < date;
    case 'ge':
      return compared >= date;
    case 'le':
      return compared <= date;
    default:
      return compared === date;
  }
}

export const readPatient: Handler = (context) => {
  const principal = caller(context);
  const id = String(context.params.id);
  const patient = context.state.store.read('Patient', id);
  if (!patient) throw HttpError.of(404, 'not-found', `Patient/${id} is not known.`);
  try {
    assertMaySeePatient(context.state, principal, patient);
  } catch (refusal) {
    recordAudit(context.state.store, {
      principal,
      interaction: 'read',
      patientId: id,
      entity: `Patient/${id}`,
      outcome: 'error',
    });
    throw refusal;
  }
  recordAudit(context.state.store, {
    principal,
    interaction: 'read',
    patientId: id,
    entity: `Patient/${id}`,
    outcome: 'success',
  });
  return { status: 200, body: patient, headers: versionHeaders(patient) };
};

export const searchPatients: Handler = (context) => {
  const principal = caller(context);
  const criteria = (context.body ?? {}) as Record<string, unknown>;
  const filters: ((patient: StoredResource) => boolean)[] = [];
  const text = (key: string) =>
    typeof criteria[key] === 'string' && criteria[key] !== '' ? String(criteria[key]) : undefined;
  const identifier = text('identifier');
  if (identifier) filters.push((patient) => matchesIdentifier(patient, identifier));
  for (const key of ['name', 'family', 'given'] as const) {
    const query = text(key);
    if (query) filters.push((patient) => matchesName(patient, query));
  }
  const birthDate = text('birthdate');
  if (birthDate) filters.push((patient) => matchesBirthDate(patient, birthDate));
  const gender = text('gender');
  if (gender) filters.push((patient) => patient.gender === gender);
  if (filters.length === 0) {
    throw HttpError.of(
      400,
      'required',
      'Give at least one search parameter: identifier, name, family, given, birthdate or gender.',
    );
  }

  const matches = [...context.state.store.all('Patient')].filter(
    (patient) => filters.every((filter) => filter(patient)) && maySeePatient(context.state, principal, patient),
  );
  recordAudit(context.state.store, { principal, interaction: 'search-type', outcome: 'success' });
  // The self link names no criteria: they were posted to keep identifiers out of URLs, and stay out of them.
  return {
    status: 200,
    body: searchBundle(context.origin, 'Patient', matches, pageOf(criteria), `${context.origin}/fhir/Patient/_search`),
  };
};
