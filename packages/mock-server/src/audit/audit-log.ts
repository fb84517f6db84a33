import type { Principal } from '../auth/principal.js';
import type { ResourceStore } from '../store/resource-store.js';

export interface AuditEntry {
  principal: Principal;
  /** FHIR restful interaction: read, search-type, create, update, operation. */
  interaction: 'read' | 'search-type' | 'create' | 'update' | 'operation';
  patientId?: string;
  /** The resource touched, e.g. `Patient/example-nodira`. */
  entity?: string;
  outcome: 'success' | 'error';
  /** Why an identifier was shown in full, etc. */
  purpose?: string;
}

const actionCode: Record<AuditEntry['interaction'], string> = {
  read: 'R',
  'search-type': 'E',
  create: 'C',
  update: 'U',
  operation: 'E',
};

/**
 * Writes a UZ Core AuditEvent for every access to patient data, as the platform does. Search parameters are
 * deliberately not stored: a PINFL in an audit query would leak into every audit reader's screen.
 */
export function recordAudit(store: ResourceStore, entry: AuditEntry, now = new Date()): void {
  const { principal } = entry;
  store.put({
    resourceType: 'AuditEvent',
    meta: { profile: ['https://dhp.uz/fhir/core/StructureDefinition/uz-core-auditevent'] },
    category: [
      {
        coding: [
          entry.interaction === 'search-type'
            ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110112', display: 'Query' }
            : { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' },
        ],
      },
    ],
    code: { coding: [{ system: 'http://hl7.org/fhir/restful-interaction', code: entry.interaction }] },
    action: actionCode[entry.interaction],
    occurredDateTime: now.toISOString(),
    recorded: now.toISOString(),
    outcome: {
      code: {
        system: 'http://hl7.org/fhir/issue-severity',
        code: entry.outcome === 'success' ? 'success' : 'error',
      },
    },
    ...(entry.patientId ? { patient: { reference: `Patient/${entry.patientId}` } } : {}),
    agent: [
      {
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type',
              code: principal.role === 'system' ? 'datacollector' : 'humanuser',
            },
          ],
        },
        who: principal.practitionerRoleId
          ? { reference: `PractitionerRole/${principal.practitionerRoleId}`, display: principal.displayName }
          : { display: principal.displayName, identifier: { value: principal.id } },
        requestor: true,
        role: [{ text: principal.role }],
      },
    ],
    source: { observer: { display: 'Shifo mock server' } },
    ...(entry.entity || entry.purpose
      ? {
          entity: [
            {
              ...(entry.entity ? { what: { reference: entry.entity } } : {}),
              ...(entry.purpose ? { detail: [{ type: { text: 'purpose' }, valueString: entry.purpose }] } : {}),
            },
          ],
        }
      : {}),
  });
}
