import type { Harness } from './harness.js';

/** A FHIR resource as the tests look at it. */
export interface Resource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string; lastUpdated?: string; security?: { system?: string; code?: string }[] };
  [key: string]: unknown;
}

export interface Section {
  title: string;
  code: { coding: { system: string; code: string }[] };
  entry?: { reference: string }[];
  emptyReason?: { coding: { system: string; code: string }[]; text?: string };
  text?: { div: string };
}

export interface BundleEntry {
  fullUrl?: string;
  resource?: Resource;
  response?: { status: string; location?: string; etag?: string; lastModified?: string; outcome?: Resource };
}

export interface Bundle extends Resource {
  type: string;
  entry?: BundleEntry[];
}

export interface Answer<T> {
  response: Response;
  body: T;
}

/** One request with a bearer token; the body parsed as JSON. */
export async function call<T = Resource>(
  h: Harness,
  path: string,
  token: string | undefined,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/fhir+json';
  const response = await fetch(`${h.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  return { response, body: (await response.json()) as T };
}

/** The Shifo error code (`issue.details.coding`) of the first issue of an OperationOutcome. */
export function shifoCode(outcome: unknown): string | undefined {
  const issue = (outcome as { issue?: { details?: { coding?: { code?: string }[] } }[] }).issue?.[0];
  return issue?.details?.coding?.[0]?.code;
}

/** The composition's sections by LOINC code. */
export function sectionsOf(bundle: Bundle): Map<string, Section> {
  const composition = bundle.entry?.[0]?.resource as { section?: Section[] } | undefined;
  return new Map((composition?.section ?? []).map((section) => [section.code.coding[0]!.code, section]));
}

/** The resources of a Bundle by `Type/id`. */
export function resourcesOf(bundle: Bundle): Map<string, Resource> {
  return new Map(
    (bundle.entry ?? []).flatMap((entry) =>
      entry.resource?.id ? [[`${entry.resource.resourceType}/${entry.resource.id}`, entry.resource] as const] : [],
    ),
  );
}

/** How many resources of each type the store holds (the white-box view of "nothing was written"). */
export function countByType(h: Harness, types: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = [...h.server.state.store.all(type)].length;
  return counts;
}

/** A resource without the two elements the server assigns on write. */
export function withoutVersion<T extends Resource>(resource: T): T {
  const copy = structuredClone(resource);
  if (copy.meta) {
    delete copy.meta.versionId;
    delete copy.meta.lastUpdated;
  }
  return copy;
}
