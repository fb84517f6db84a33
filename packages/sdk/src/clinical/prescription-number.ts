import { formatPrescriptionNumber, isValidPrescriptionNumber } from '../prescription/check-character.js';
import type { Schemas } from '../fhir/types.js';
import { invalidInput } from './invalid-input.js';

/**
 * A prescription number as typed or scanned ("c8a579 a83008 42ffau") → the printed form `C8A579-A83008-42FFAU`, after
 * checking its MOD 37-2 check character; a mistyped number throws a ShifoError `invalid` (`expression: ['number']`)
 * so nothing is looked up with it.
 */
export function normalizePrescriptionNumber(number: string): string {
  if (!isValidPrescriptionNumber(number)) {
    throw invalidInput('number', 'This is not a prescription number: check it (the last character does not match).');
  }
  return formatPrescriptionNumber(number.replace(/[\s-]/gu, '').toUpperCase().slice(0, 17));
}

/**
 * The prescription number the server assigned (the `PLAC` identifier), e.g. to print or show as a QR code.
 *
 * @example prescriptionNumberOf(created.resource[0]) // 'C8A579-A83008-42FFAU'
 */
export function prescriptionNumberOf(request: Pick<Schemas['MedicationRequest'], 'identifier'>): string | undefined {
  return request.identifier?.find((identifier) =>
    identifier.type?.coding?.some(
      (coding) => coding.system === 'http://terminology.hl7.org/CodeSystem/v2-0203' && coding.code === 'PLAC',
    ),
  )?.value;
}
