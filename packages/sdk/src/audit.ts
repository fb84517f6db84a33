import type { ClientContext } from './client-context.js';
import type { Bundle, Schemas } from './fhir/types.js';
import { unwrap } from './transport/unwrap.js';

/** The FHIR AuditEvent the platform writes for every access to a patient's record. */
export type AuditEvent = Schemas['AuditEvent'];

/** What was done: read, searched, created, updated, an operation (summary, reveal), deleted, or other. */
export type AccessAction = 'read' | 'search' | 'create' | 'update' | 'delete' | 'operation' | 'other';

/** One access to a patient's record, in the terms a "who saw my record" screen needs. */
export interface AccessRecord {
  id: string | undefined;
  /** When it happened (ISO date-time). */
  at: string;
  /** Who, as the platform names them (a practitioner's name, a system's name). */
  who: string | undefined;
  /** `PractitionerRole/...` when the agent is a practitioner role. */
  whoReference: string | undefined;
  /** The agent's role (`doctor`, `pharmacist`, `system`, ...). */
  role: string | undefined;
  action: AccessAction;
  /** The resource touched, e.g. `Patient/example-nodira`, when recorded. */
  what: string | undefined;
  /** Why, when recorded (e.g. the reason for showing an identifier in full). */
  purpose: string | undefined;
  /** `refused` for accesses the platform denied (consent, role). */
  outcome: 'success' | 'refused';
  /** The AuditEvent itself, for anything not summarised here. */
  event: AuditEvent;
}

export interface AuditQuery {
  /** Only accesses on or after this date or date-time. */
  since?: string;
  /** At most this many, newest first (default 50, max 100). */
  count?: number;
  signal?: AbortSignal;
}

/** Who accessed a patient's record. */
export interface AuditApi {
  /**
   * Accesses to a patient's record, newest first: who, in which role, when, what and with what outcome. Allowed
   * to admins and back ends for any patient, and to a patient for their own record. Against a server without
   * AuditEvent search (the DHP playground answers 404) it throws a `not-found` ShifoError.
   * @example const trail = await shifo.audit.forPatient('example-nodira', { since: '2026-01-01' });
   */
  forPatient(patientId: string, query?: AuditQuery): Promise<AccessRecord[]>;
}

const INTERACTIONS: Record<string, AccessAction> = {
  read: 'read',
  vread: 'read',
  'search-type': 'search',
  search: 'search',
  'search-system': 'search',
  create: 'create',
  update: 'update',
  patch: 'update',
  delete: 'delete',
  operation: 'operation',
};
const ACTION_CODES: Record<string, AccessAction> = { C: 'create', R: 'read', U: 'update', D: 'delete', E: 'operation' };

function actionOf(event: AuditEvent): AccessAction {
  for (const coding of event.code.coding ?? []) {
    const known = coding.code === undefined ? undefined : INTERACTIONS[coding.code];
    if (known) return known;
  }
  return (event.action && ACTION_CODES[event.action]) ?? 'other';
}

/** Summarises one AuditEvent as an `AccessRecord`. */
export function accessRecordOf(event: AuditEvent): AccessRecord {
  const agent = event.agent.find((candidate) => candidate.requestor) ?? event.agent[0];
  const entity = event.entity?.[0];
  const purpose = event.entity
    ?.flatMap((e) => e.detail ?? [])
    .find((detail) => detail.type.text === 'purpose')?.valueString;
  const outcome = event.outcome?.code.code;
  return {
    id: event.id,
    at: event.occurredDateTime ?? event.recorded,
    who: agent?.who.display,
    whoReference: agent?.who.reference,
    role: agent?.role?.[0]?.text ?? agent?.role?.[0]?.coding?.[0]?.code,
    action: actionOf(event),
    what: entity?.what?.reference,
    purpose,
    outcome: outcome === undefined || outcome === 'success' || outcome === '0' ? 'success' : 'refused',
    event,
  };
}

function auditEventsOf(bundle: Bundle): AuditEvent[] {
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === 'AuditEvent' ? [entry.resource as unknown as AuditEvent] : [],
  );
}

export function createAuditApi(context: ClientContext): AuditApi {
  return {
    async forPatient(patientId, query = {}) {
      const bundle = unwrap(
        await context.fhir.GET('/AuditEvent', {
          params: {
            query: {
              // A resource id, never an identifier: nothing identifying goes in the URL.
              patient: `Patient/${patientId}`,
              _sort: '-date',
              _count: Math.min(100, query.count ?? 50),
              ...(query.since ? { date: [`ge${query.since}`] } : {}),
            },
          },
          signal: query.signal,
        }),
      );
      return auditEventsOf(bundle).map(accessRecordOf);
    },
  };
}
