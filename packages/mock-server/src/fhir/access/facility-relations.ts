import type { ServerState } from '../../state.js';
import { valuesAt } from '../search/element-values.js';
import { parseReference, referenceOf } from '../search/reference.js';

/** Organisations nest (department → polyclinic); no real chain is deeper than this. */
const MAX_DEPTH = 8;

/** The types whose records decide the answers below: a write to any of them makes a new FacilityRelations. */
const DERIVED_FROM = ['Organization', 'Location', 'PractitionerRole', 'Encounter', 'Patient'] as const;

/**
 * Which facility (top-level Organization) things belong to, and which facilities treat a patient: the one managing
 * them, and every facility where they had an encounter. Each answer is computed once and remembered; one instance
 * serves every request until one of the types it reads changes (`facilityRelationsFor`), so neither a search over
 * thousands of resources nor a run of creates rescans the store.
 */
export class FacilityRelations {
  private readonly facilityByReference = new Map<string, string | undefined>();
  private readonly treatingByPatient = new Map<string, ReadonlySet<string>>();

  constructor(private readonly state: ServerState) {}

  /** The facility an Organization, Location or PractitionerRole reference belongs to, if known. */
  facilityOf(reference: string | undefined, depth = 0): string | undefined {
    if (reference === undefined || depth > MAX_DEPTH) return undefined;
    if (this.facilityByReference.has(reference)) return this.facilityByReference.get(reference);
    const facility = this.resolve(reference, depth);
    this.facilityByReference.set(reference, facility);
    return facility;
  }

  private resolve(reference: string, depth: number): string | undefined {
    const target = parseReference(reference);
    if (!target?.type) return undefined;
    const resource = this.find(target.type, target.id);
    switch (target.type) {
      case 'Organization': {
        if (!resource) return undefined;
        const parent = referenceOf(resource.partOf);
        return parent ? (this.facilityOf(parent, depth + 1) ?? target.id) : target.id;
      }
      case 'Location':
        return (
          this.facilityOf(referenceOf(resource?.managingOrganization), depth + 1) ??
          this.facilityOf(referenceOf(resource?.partOf), depth + 1)
        );
      case 'PractitionerRole':
        return this.facilityOf(referenceOf(resource?.organization), depth + 1);
      case 'Encounter':
        return (
          this.facilityOf(referenceOf(resource?.serviceProvider), depth + 1) ??
          this.facilityOf(referenceOf(valuesAt(resource, 'location.location')[0]), depth + 1)
        );
      default:
        return undefined;
    }
  }

  private find(type: string, id: string): Readonly<Record<string, unknown>> | undefined {
    return this.state.store.current(type, id);
  }

  /**
   * Facilities a record places care at: an Encounter's provider and locations, an Appointment's participants, the
   * encounter a record was made in.
   */
  facilitiesNamedBy(resource: Readonly<Record<string, unknown>>): Set<string> {
    const references = [
      ...valuesAt(resource, 'serviceProvider'),
      ...valuesAt(resource, 'location.location'),
      ...valuesAt(resource, 'participant.actor'),
      ...valuesAt(resource, 'encounter'),
    ].map(referenceOf);
    const facilities = new Set<string>();
    for (const reference of references) {
      const facility = this.facilityOf(reference);
      if (facility) facilities.add(facility);
    }
    return facilities;
  }

  /** Facilities of the patient's encounters: those whose current `subject` is the patient (found via the index). */
  private encounterFacilities(patientId: string): Set<string> {
    const facilities = new Set<string>();
    for (const encounter of this.state.store.referencing('Encounter', `Patient/${patientId}`)) {
      const patient = parseReference(referenceOf(encounter.subject) ?? '');
      if (patient?.type !== 'Patient' || patient.id !== patientId) continue;
      for (const facility of this.facilitiesNamedBy(encounter)) facilities.add(facility);
    }
    return facilities;
  }

  /** The facilities treating a patient: the managing one and every one with an encounter. */
  treatingFacilities(patientId: string): ReadonlySet<string> {
    const cached = this.treatingByPatient.get(patientId);
    if (cached) return cached;
    const facilities = this.encounterFacilities(patientId);
    const patient = this.find('Patient', patientId);
    const managing = this.facilityOf(referenceOf(patient?.managingOrganization));
    if (managing) facilities.add(managing);
    this.treatingByPatient.set(patientId, facilities);
    return facilities;
  }

  treats(facilityId: string | undefined, patientId: string): boolean {
    return facilityId !== undefined && this.treatingFacilities(patientId).has(facilityId);
  }
}

const shared = new WeakMap<ServerState['store'], { revisions: string; relations: FacilityRelations }>();

/** The FacilityRelations for the store as it is now: the last one, unless a type it reads has changed since. */
export function facilityRelationsFor(state: ServerState): FacilityRelations {
  const revisions = DERIVED_FROM.map((type) => state.store.revision(type)).join(' ');
  const cached = shared.get(state.store);
  if (cached?.revisions === revisions) return cached.relations;
  const relations = new FacilityRelations(state);
  shared.set(state.store, { revisions, relations });
  return relations;
}
