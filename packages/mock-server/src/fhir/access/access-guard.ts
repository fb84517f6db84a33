import type { Principal } from '../../auth/principal.js';
import { HttpError } from '../../http/http-error.js';
import type { ServerState } from '../../state.js';
import type { NewResource, StoredResource } from '../../store/resource-store.js';
import { operationFor } from '../crud/resource-operations.js';
import { valuesAt } from '../search/element-values.js';
import { referenceOf, referencedResource } from '../search/reference.js';
import { facilityRelationsFor, type FacilityRelations } from './facility-relations.js';
import { minimalPatient } from './minimal-patient.js';
import { isInPatientCompartment, isPatientData, patientIdsOf } from './patient-links.js';
import { refusals } from './refusals.js';

type AnyResource = Readonly<StoredResource> | Readonly<NewResource>;

/** Directory records that belong to one facility, and the element that says which. */
const DIRECTORY_OWNER: Readonly<Record<string, string>> = {
  Organization: 'partOf',
  Location: 'managingOrganization',
  PractitionerRole: 'organization',
};

/**
 * The access policy of the central store, in one place (docs/contract.md §7, DOMAIN.md):
 *
 * - The contract's `x-shifo-roles` decide which role may call which operation; this guard decides, per record, whether
 *   the caller may see or change it.
 * - `patient`: only their own compartment (their Patient, clinical data, prescriptions, bookings, audit trail);
 *   anything else is 403 `not-own-record`.
 * - Staff read the national record, as DHP does, except a patient who refused consent ("deny"): then only staff of a
 *   facility treating them (managing them, or where they had an encounter) may read — 403 `consent-denied` — but
 *   allergies stay visible to everyone clinical, for emergencies.
 * - `pharmacist`: the records of patients who have a prescription, and of Patient only the minimal data to hand
 *   medicines to the right person (`REDACTED` view).
 * - `admin`: appointments and feedback of their facility (its patients, or made there); the whole audit trail.
 * - A record made at the caller's facility (an Encounter or Appointment there, or a record of such an encounter) is
 *   visible to its staff whoever the patient is: they made it.
 * - Writes of patient data by staff and HIS back ends need a treating relation: the patient is managed by or had an
 *   encounter at the caller's facility, the record itself places care there (an Encounter or Appointment at the
 *   facility), or no facility has claimed the patient yet (a first visit, the UZ Core examples). Directory records
 *   (organisations, locations, roles) are changed only by their own facility.
 *
 * One guard per request: decisions per patient are remembered, so filtering a search of 3,000 observations costs
 * one decision, not 3,000. The facility relations behind them outlive the request (see `facilityRelationsFor`).
 */
export class AccessGuard {
  private readonly relations: FacilityRelations;
  private readonly readDecisions = new Map<string, HttpError | undefined>();
  private readonly roleDecisions = new Map<string, HttpError | undefined>();
  private readonly prescribed = new Map<string, boolean>();

  constructor(
    private readonly state: ServerState,
    readonly principal: Principal,
  ) {
    this.relations = facilityRelationsFor(state);
  }

  /** Why the caller may not read this resource, or undefined when they may. */
  readRefusal(resource: AnyResource): HttpError | undefined {
    return this.roleReadRefusal(resource.resourceType) ?? this.recordReadRefusal(resource);
  }

  /** The per-record part of reading: ownership, consent, the pharmacist's and admin's scope. */
  private recordReadRefusal(resource: AnyResource): HttpError | undefined {
    const type = resource.resourceType;
    if (this.principal.role === 'patient') return this.ownRecordRefusal(type, patientIdsOf(resource));
    if (type === 'AuditEvent' || !isPatientData(type)) return undefined;
    const allergy = type === 'AllergyIntolerance';
    for (const patientId of patientIdsOf(resource)) {
      const refusal = this.patientReadRefusal(patientId, allergy);
      // A record made at the caller's facility (a booking, an encounter there) is theirs to see, whoever the patient;
      // a pharmacist's scope stays the prescriptions.
      if (refusal) return this.principal.role !== 'pharmacist' && this.madeHere(resource) ? undefined : refusal;
    }
    return undefined;
  }

  private roleReadRefusal(type: string): HttpError | undefined {
    if (this.roleDecisions.has(type)) return this.roleDecisions.get(type);
    const { role } = this.principal;
    const read = operationFor(type, 'read');
    const refusal = read && !read.roles.includes(role) ? refusals.role(role, read.operationId) : undefined;
    this.roleDecisions.set(type, refusal);
    return refusal;
  }

  mayRead(resource: AnyResource): boolean {
    return this.readRefusal(resource) === undefined;
  }

  assertMayRead(resource: AnyResource): void {
    const refusal = this.readRefusal(resource);
    if (refusal) throw refusal;
  }

  /** What the caller gets to see of a resource they may read. */
  view(resource: Readonly<StoredResource>): Readonly<StoredResource> {
    return this.principal.role === 'pharmacist' && resource.resourceType === 'Patient'
      ? minimalPatient(resource)
      : resource;
  }

  /**
   * Refuses a create or update the caller may not make: the role (`x-shifo-roles` of `create{Type}` /
   * `update{Type}`, checked here too because transaction entries bypass the router), ownership, the treating
   * relation, consent, directory ownership. `current` is the stored version an update replaces.
   */
  assertMayWrite(interaction: 'create' | 'update', next: AnyResource, current?: Readonly<StoredResource>): void {
    const { role } = this.principal;
    const type = next.resourceType;
    const operation = operationFor(type, interaction);
    if (!operation) {
      throw HttpError.of(405, 'not-supported', `${type} is read-only: it cannot be ${interaction}d through the API.`);
    }
    if (!operation.roles.includes(role)) throw refusals.role(role, operation.operationId);
    // Changing a record needs the record-level right to see it (the contract lets some roles write what they may
    // not read through the API, e.g. a registrar's feedback answers: the write operation's roles decide that).
    const hidden = current && this.recordReadRefusal(current);
    if (hidden) throw hidden;

    const patientIds = [...new Set([...patientIdsOf(next), ...(current ? patientIdsOf(current) : [])])];
    if (role === 'patient') {
      const refusal = this.ownRecordRefusal(type, patientIds);
      if (refusal) throw refusal;
      return;
    }
    if (type in DIRECTORY_OWNER) this.assertOwnDirectory(next, current);
    if (!isPatientData(type) || (type === 'Patient' && interaction === 'create')) return;
    for (const patientId of patientIds) this.assertMayWritePatient(patientId, next);
  }

  private madeHere(resource: AnyResource): boolean {
    const { facilityId } = this.principal;
    return facilityId !== undefined && this.relations.facilitiesNamedBy(resource).has(facilityId);
  }

  private ownRecordRefusal(type: string, patientIds: string[]): HttpError | undefined {
    if (!isInPatientCompartment(type)) return undefined;
    const own = this.principal.patientId;
    const mine = patientIds.length > 0 && patientIds.every((id) => id === own);
    return mine ? undefined : refusals.notOwnRecord();
  }

  private patientReadRefusal(patientId: string, allergy: boolean): HttpError | undefined {
    const key = `${patientId}\u0000${allergy}`;
    if (this.readDecisions.has(key)) return this.readDecisions.get(key);
    const decision = this.decideRead(patientId, allergy);
    this.readDecisions.set(key, decision);
    return decision;
  }

  private decideRead(patientId: string, allergy: boolean): HttpError | undefined {
    const { role, facilityId } = this.principal;
    if (role === 'pharmacist' && !this.hasPrescription(patientId)) return refusals.notPrescribed();
    if (role === 'admin' && !this.relations.treats(facilityId, patientId)) return refusals.notTreating();
    if (this.state.deniedPatients.has(patientId) && !allergy && !this.relations.treats(facilityId, patientId)) {
      return refusals.consentDenied();
    }
    return undefined;
  }

  private assertMayWritePatient(patientId: string, next: AnyResource): void {
    const { role, facilityId } = this.principal;
    const denied = this.state.deniedPatients.has(patientId);
    const treats = this.relations.treats(facilityId, patientId);
    if (role === 'pharmacist') {
      // Pharmacies dispense for every facility: a prescription is the relation.
      if (!this.hasPrescription(patientId)) throw refusals.notPrescribed();
      if (denied && !treats) throw refusals.consentDenied();
      return;
    }
    if (treats || this.relations.treatingFacilities(patientId).size === 0 || this.madeHere(next)) return;
    throw denied ? refusals.consentDenied() : refusals.notTreating();
  }

  private assertOwnDirectory(next: AnyResource, current: Readonly<StoredResource> | undefined): void {
    const element = DIRECTORY_OWNER[next.resourceType]!;
    const owners = [referenceOf(valuesAt(next, element)[0])];
    if (current) {
      owners.push(
        current.resourceType === 'Organization'
          ? `Organization/${current.id}`
          : referenceOf(valuesAt(current, element)[0]),
      );
    }
    for (const owner of owners) {
      const facility = this.relations.facilityOf(owner);
      if (facility !== undefined && facility !== this.principal.facilityId) throw refusals.otherFacility();
    }
  }

  /** Whether some prescription's current `subject` is the patient (found via the store's reference index). */
  private hasPrescription(patientId: string): boolean {
    let known = this.prescribed.get(patientId);
    if (known === undefined) {
      known = false;
      for (const request of this.state.store.referencing('MedicationRequest', `Patient/${patientId}`)) {
        if (referencedResource(request.subject, ['Patient'])?.id === patientId) {
          known = true;
          break;
        }
      }
      this.prescribed.set(patientId, known);
    }
    return known;
  }
}

/** The access guard for one request. */
export function accessFor(state: ServerState, principal: Principal): AccessGuard {
  return new AccessGuard(state, principal);
}
