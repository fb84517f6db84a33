import { defaultProfiles, generatePrescriptionNumber, isValidPrescriptionNumber } from '@shifo/sdk';
import { HttpError } from '../../../http/http-error.js';
import { errorIssue } from '../../../http/outcome.js';
import type { ResourceStore } from '../../../store/resource-store.js';
import { asObject, asObjects, asString, codings, type JsonObject } from './json.js';
import { V2_0203_SYSTEM } from './terminology.js';

const NUMBER_SYSTEM = defaultProfiles.identifierSystems.prescriptionNumber;

/** The prescription-number identifiers (type v2-0203 `PLAC`) of a MedicationRequest. */
function placerIdentifiers(request: JsonObject): JsonObject[] {
  return asObjects(request.identifier).filter(isPlacer);
}

function isPlacer(identifier: JsonObject): boolean {
  return codings(identifier.type).some((c) => c.system === V2_0203_SYSTEM && c.code === 'PLAC');
}

/**
 * Whether another prescription carries `number` (case-insensitively) as its prescription number. A plain loop
 * without allocations: it runs on every prescription created, over every prescription stored.
 */
function numberTaken(store: ResourceStore, number: string, exceptId: string | undefined): boolean {
  const wanted = number.toUpperCase();
  for (const request of store.all('MedicationRequest')) {
    if (request.id === exceptId || !Array.isArray(request.identifier)) continue;
    for (const identifier of request.identifier as unknown[]) {
      const value = asString(asObject(identifier)?.value);
      if (value === undefined || value.length !== wanted.length || value.toUpperCase() !== wanted) continue;
      if (isPlacer(asObject(identifier) ?? {})) return true;
    }
  }
  return false;
}

/**
 * Gives a new prescription its number: the server assigns one (`XXXXXX-XXXXXX-XXXXXC`, MOD 37-2 check character,
 * system `https://shifo.uz/sid/prescription-number`) when the request has none, as the contract says. A number the
 * client brings (DMED's or a local MIS's) is kept, but must be unique, and valid when it claims Shifo's system.
 */
export function assignPrescriptionNumber(store: ResourceStore, request: JsonObject): void {
  const exceptId = asString(request.id);
  const given = placerIdentifiers(request);
  for (const identifier of given) {
    const value = asString(identifier.value);
    const expression = `MedicationRequest.identifier[${asObjects(request.identifier).indexOf(identifier)}]`;
    if (value === undefined || value.trim() === '') {
      throw new HttpError(400, [errorIssue('required', 'A prescription number needs a value.', expression)]);
    }
    if (identifier.system === NUMBER_SYSTEM && !isValidPrescriptionNumber(value)) {
      throw new HttpError(400, [
        errorIssue('value', 'The prescription number is not valid: its check character does not match.', expression),
      ]);
    }
    if (numberTaken(store, value, exceptId)) {
      throw new HttpError(422, [
        errorIssue('business-rule', 'Another prescription already has this number.', expression),
      ]);
    }
  }
  if (given.length > 0) return;
  // 17 random hex characters: a collision is about as likely as 10^6 prescriptions meeting at 2·10^-9, so a number
  // the server draws itself is not checked against every stored prescription (that scan would cost each create).
  const number = generatePrescriptionNumber();
  request.identifier = [
    ...asObjects(request.identifier),
    {
      use: 'official',
      type: { coding: [{ system: V2_0203_SYSTEM, code: 'PLAC', display: 'Placer Identifier' }] },
      system: NUMBER_SYSTEM,
      value: number,
    },
  ];
}
