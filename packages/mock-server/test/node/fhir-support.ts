// Small helpers shared by the fhir-*.test.ts files: FHIR calls over real HTTP, typed just enough to assert on.
import type { Harness } from './harness.js';

export interface Resource {
  resourceType: string;
  id: string;
  meta?: { versionId?: string; lastUpdated?: string; security?: { code?: string }[] };
  [key: string]: unknown;
}

export interface Searchset {
  resourceType: 'Bundle';
  type: string;
  total: number;
  link: { relation: string; url: string }[];
  entry: { fullUrl: string; resource: Resource; search: { mode: string } }[];
}

export interface Outcome {
  resourceType: 'OperationOutcome';
  issue: { code: string; diagnostics?: string; expression?: string[]; details?: { coding?: { code: string }[] } }[];
}

/** The Shifo error codes of an OperationOutcome (`issue.details.coding`). */
export function shifoCodes(outcome: Outcome): string[] {
  return outcome.issue.flatMap((issue) => (issue.details?.coding ?? []).map((coding) => coding.code));
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
  response: Response;
}

export const FORM = 'application/x-www-form-urlencoded';
export const FHIR_JSON = 'application/fhir+json';
export const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';
export const REQUEST_ID_SYSTEM = 'urn:shifo:request-id';

export class FhirClient {
  constructor(private readonly h: Harness) {}

  async call<T>(method: string, path: string, token: string | undefined, init: RequestInit = {}): Promise<Answer<T>> {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(`${this.h.url}${path}`, { ...init, method, headers });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as T,
      response,
    };
  }

  get<T = Resource>(path: string, token?: string): Promise<Answer<T>> {
    return this.call<T>('GET', path, token);
  }

  /** `POST /fhir/{type}/_search` with a form body; `query` goes into the URL (paging links). */
  search(type: string, form: Record<string, string | string[]>, token: string, query = ''): Promise<Answer<Searchset>> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) body.append(name, one);
    return this.call<Searchset>('POST', `/fhir/${type}/_search${query}`, token, {
      headers: { 'Content-Type': FORM },
      body,
    });
  }

  create<T = Resource>(resource: object, token: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const type = (resource as { resourceType: string }).resourceType;
    return this.call<T>('POST', `/fhir/${type}`, token, {
      headers: { 'Content-Type': FHIR_JSON, ...headers },
      body: JSON.stringify(resource),
    });
  }

  update<T = Resource>(resource: Resource, token: string, ifMatch?: string): Promise<Answer<T>> {
    return this.call<T>('PUT', `/fhir/${resource.resourceType}/${resource.id}`, token, {
      headers: { 'Content-Type': FHIR_JSON, ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
      body: JSON.stringify(resource),
    });
  }
}

/** A token for a HIS back end (role `system`, facility 1 unless told), issued by the server's token store. */
export function systemToken(h: Harness, facilityId = 'org-yunusobod-polyclinic'): string {
  return h.server.state.tokens.issue({
    id: `his-test-${facilityId}`,
    role: 'system',
    displayName: 'Test HIS back end',
    facilityId,
    scopes: ['system/*.cruds'],
  }).accessToken;
}

/** Ids of the entries of a searchset. */
export function ids(bundle: Searchset): string[] {
  return bundle.entry.filter((entry) => entry.search.mode === 'match').map((entry) => entry.resource.id);
}

/** The AuditEvents written since `from` (an index into the store's AuditEvents). */
export function auditEventsSince(h: Harness, from: number): Resource[] {
  return [...h.server.state.store.all('AuditEvent')].slice(from) as Resource[];
}

export function auditCount(h: Harness): number {
  return [...h.server.state.store.all('AuditEvent')].length;
}

/** A new Observation (body temperature) for a patient, with a client request id so creates are replayable. */
export function temperature(patientId: string, value: number, when: string, requestId = crypto.randomUUID()): object {
  return {
    resourceType: 'Observation',
    meta: { profile: ['https://dhp.uz/fhir/core/StructureDefinition/uz-core-observation'] },
    identifier: [{ system: REQUEST_ID_SYSTEM, value: requestId }],
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8310-5', display: 'Body temperature' }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: when,
    valueQuantity: { value, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' },
  };
}
