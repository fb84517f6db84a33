// Helpers for the offline browser tests: a mock-server session, a network that can fail, server-side counts.
// @ts-expect-error: served by the mock-server plugin in web-test-runner.config.mjs
import { mockServerUrl } from '/__shifo-test-env.js';

export const baseUrl = mockServerUrl as string;

export async function tokenFor(user: string): Promise<string> {
  const response = await fetch(`${baseUrl}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * A fetch over the real network that the test can cut (`down`: refused before it leaves, like a dead link) or
 * make lose answers (`loseAnswers`: the request reaches the server, its answer never reaches the client).
 * Faults are simulated here, not with the server's global `/__admin/faults`, because the browser test files
 * share one mock server and run concurrently.
 */
export class FlakyNetwork {
  down = false;
  loseAnswers = 0;
  /** Requests that reached the server. */
  delivered = 0;
  /** After this many more deliveries, answers hang until the request is aborted (a tab dying mid-flush). */
  hangAfter: number | undefined;

  readonly fetch = async (request: Request): Promise<Response> => {
    if (this.down) throw new TypeError('Failed to fetch');
    const response = await fetch(request);
    this.delivered += 1;
    if (this.hangAfter !== undefined && this.delivered >= this.hangAfter) {
      await new Promise((_, reject) => {
        const abort = () => reject(request.signal.reason as Error);
        if (request.signal.aborted) abort();
        request.signal.addEventListener('abort', abort);
      });
    }
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
}

/** A patient only this test knows, so counts of its Observations are not disturbed by other test files. */
export async function createOwnPatient(token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/fhir/Patient`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:shifo:request-id', value: crypto.randomUUID() }],
      name: [{ family: 'Offlaynova', given: [`Sinov${Math.random().toString(36).slice(2, 8)}`] }],
      gender: 'female',
      birthDate: '1990-01-01',
    }),
  });
  if (response.status !== 201) throw new Error(`Could not create the test patient: ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

export function heartRate(patientId: string, value: number): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
      },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }], text: 'Heart rate' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: new Date().toISOString(),
    valueQuantity: { value, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  };
}

/** Writes one test makes, and how to read back from the server which of them it holds. */
export interface WriteTarget {
  path: string;
  body(index: number): Record<string, unknown>;
  /** The `urn:shifo:request-id` values of every resource of this target on the server. */
  onServer(): Promise<string[]>;
}

/** Observations of a patient only this test knows (conditional create, counted by `patient`). */
export async function observationTarget(token: string): Promise<WriteTarget> {
  const patientId = await createOwnPatient(token);
  return {
    path: '/fhir/Observation',
    body: (index) => heartRate(patientId, 40 + (index % 150)),
    onServer: () => requestIdsOnServer(token, patientId),
  };
}

/**
 * Patients with a family name only this test uses. Used for search-before-resend: the contract lets Patient (but
 * not yet Observation) be searched by `identifier`.
 */
export function patientTarget(token: string): WriteTarget {
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) =>
    String.fromCharCode(97 + (byte % 26)),
  ).join('');
  const family = `Offlayn${letters}`;
  return {
    path: '/fhir/Patient',
    body: (index) => ({
      resourceType: 'Patient',
      name: [{ family, given: [`Sinov${index}`] }],
      gender: index % 2 === 0 ? 'female' : 'male',
      birthDate: '1991-02-03',
    }),
    onServer: () => requestIdsFound(token, 'Patient', { family }),
  };
}

interface ObservationShape {
  identifier?: { system?: string; value?: string }[];
}

/** The request ids of every Observation the server holds for the patient (all pages). */
export function requestIdsOnServer(token: string, patientId: string): Promise<string[]> {
  return requestIdsFound(token, 'Observation', { patient: patientId });
}

/** The request ids of every resource a POST search finds (all pages: the form is re-posted with `_page`). */
async function requestIdsFound(token: string, type: string, criteria: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const response: Response = await fetch(`${baseUrl}/fhir/${type}/_search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...criteria, _count: '100', _page: String(page) }).toString(),
    });
    if (!response.ok) throw new Error(`${type} search failed: ${response.status}`);
    const bundle = (await response.json()) as {
      entry?: { resource?: ObservationShape }[];
      link?: { relation: string; url: string }[];
    };
    for (const entry of bundle.entry ?? []) {
      const id = entry.resource?.identifier?.find((identifier) => identifier.system === 'urn:shifo:request-id')?.value;
      if (id) ids.push(id);
    }
    if (!bundle.link?.some((link) => link.relation === 'next')) return ids;
  }
}

/** A namespace no other test uses, so every test starts from an empty outbox. */
export function freshNamespace(): { tenant: string; user: string } {
  return { tenant: 'org-yunusobod-polyclinic', user: `doctor-${crypto.randomUUID()}` };
}

/** Every record of every Shifo database of this origin, as text, for scanning for plaintext. */
export async function rawIndexedDbText(): Promise<{ names: string[]; text: string; records: number }> {
  const databases = (await indexedDB.databases()).filter((info) => info.name?.startsWith('shifo-'));
  const parts: string[] = [];
  let records = 0;
  for (const info of databases) {
    const name = info.name!;
    parts.push(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error as Error);
    });
    for (const storeName of Array.from(db.objectStoreNames)) {
      const transaction = db.transaction(storeName, 'readonly');
      const store = transaction.objectStore(storeName);
      const [keys, values] = await Promise.all([
        new Promise<IDBValidKey[]>((resolve) => {
          const request = store.getAllKeys();
          request.onsuccess = () => resolve(request.result);
        }),
        new Promise<unknown[]>((resolve) => {
          const request = store.getAll();
          request.onsuccess = () => resolve(request.result);
        }),
      ]);
      records += values.length;
      parts.push(storeName, ...keys.map(String), ...values.map(textOf));
    }
    db.close();
  }
  return { names: databases.map((info) => info.name!), text: parts.join('\n'), records };
}

/** Strings, numbers and the bytes of buffers in a stored value (bytes decoded as UTF-8 and as Latin-1). */
function textOf(value: unknown): string {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    // Latin-1 in chunks: spreading a large buffer (a long history's cached summary) into one call overflows the stack.
    let latin1 = '';
    for (let start = 0; start < bytes.length; start += 8192) {
      latin1 += String.fromCharCode(...bytes.subarray(start, start + 8192));
    }
    return `${new TextDecoder().decode(bytes)}\n${latin1}`;
  }
  if (value instanceof CryptoKey) return `[CryptoKey extractable=${value.extractable}]`;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .map(([key, inner]) => `${key}=${textOf(inner)}`)
      .join('\n');
  }
  return String(value);
}
