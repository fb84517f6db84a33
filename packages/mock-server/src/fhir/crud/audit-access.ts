import { recordAudit, type AuditEntry } from '../../audit/audit-log.js';
import { caller, type HandlerContext } from '../../handler.js';
import { isPatientData, patientIdsOf } from '../access/patient-links.js';

interface AccessRecord {
  interaction: AuditEntry['interaction'];
  type: string;
  /** The resource touched, when one was: its patient and `Type/id` go into the AuditEvent. */
  resource?: { resourceType: string; id?: string; [key: string]: unknown } | undefined;
  /** For a search: the one patient whose data the page shows, if exactly one. */
  patientId?: string | undefined;
  outcome: AuditEntry['outcome'];
}

/**
 * Writes the AuditEvent for an access to patient data, granted or refused. Directory, formulary and audit reads
 * are not patient data and are not recorded. Search criteria are never recorded: a PINFL in the audit trail would
 * reach every audit reader.
 */
export function auditAccess(context: HandlerContext, access: AccessRecord): void {
  if (!isPatientData(access.type)) return;
  const { resource } = access;
  const patientId = access.patientId ?? (resource ? patientIdsOf(resource)[0] : undefined);
  recordAudit(
    context.state.store,
    {
      principal: caller(context),
      interaction: access.interaction,
      outcome: access.outcome,
      ...(patientId ? { patientId } : {}),
      ...(resource?.id ? { entity: `${resource.resourceType}/${resource.id}` } : {}),
    },
    context.state.now(),
  );
}
