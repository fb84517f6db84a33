import type { NewWriteIntent, WriteIntent } from './intent.js';
import { fhirCreateType, REQUEST_ID_SYSTEM } from './send-intent.js';

/** The body with Shifo's request-id identifier on it (added if missing), and that identifier's value. */
function withRequestId(body: unknown, wanted: string | undefined): { body: unknown; identifier: string } {
  const resource = (typeof body === 'object' && body !== null ? body : {}) as { identifier?: unknown };
  const identifiers = Array.isArray(resource.identifier)
    ? (resource.identifier as { system?: string; value?: string }[])
    : [];
  const existing = identifiers.find((identifier) => identifier.system === REQUEST_ID_SYSTEM)?.value;
  if (existing) return { body, identifier: existing };
  const identifier = wanted ?? crypto.randomUUID();
  return {
    body: { ...resource, identifier: [...identifiers, { system: REQUEST_ID_SYSTEM, value: identifier }] },
    identifier,
  };
}

/** Orders intents made in one millisecond by one tab; across tabs the clock orders them. */
let lastSequence = 0;
function nextSequence(): number {
  lastSequence = Math.max(lastSequence + 1, Date.now() * 1000);
  return lastSequence;
}

/**
 * A caller's write made replay-safe before anything is sent: FHIR creates get (or keep) a `urn:shifo:request-id`
 * identifier, queue and feedback writes an `Idempotency-Key`; identity and replay order are assigned.
 */
export function prepareIntent(input: NewWriteIntent): WriteIntent {
  const idempotency = { ...input.idempotency };
  let body = input.body;
  if (fhirCreateType(input)) {
    const tagged = withRequestId(body, idempotency.identifier);
    body = tagged.body;
    idempotency.identifier = tagged.identifier;
  } else if (/^\/(queue|feedback)\//.test(input.path) && input.method !== 'DELETE') {
    idempotency.key ??= crypto.randomUUID();
  }
  return {
    id: input.id ?? crypto.randomUUID(),
    method: input.method,
    path: input.path,
    ...(input.params ? { params: input.params } : {}),
    ...(input.headers ? { headers: input.headers } : {}),
    body,
    idempotency,
    ...(input.dependsOn?.length ? { dependsOn: [...input.dependsOn] } : {}),
    createdAt: Date.now(),
    sequence: nextSequence(),
    attempts: 0,
    state: 'pending',
  };
}
