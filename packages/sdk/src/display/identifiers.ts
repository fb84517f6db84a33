import type { Identifier, Patient } from '../fhir/types.js';

/** The patient's PINFL identifier, if the record has one (many do not: foreigners, newborns, unknown patients). */
export function findIdentifier(patient: Pick<Patient, 'identifier'>, system: string): Identifier | undefined {
  return (patient.identifier ?? []).find((identifier) => identifier.system === system && identifier.value);
}
