/** Shifo extension on a MedicationRequest in a summary: the total handed over so far (completed dispenses). */
export const DISPENSED_QUANTITY_URL = 'https://shifo.uz/fhir/StructureDefinition/dispensed-quantity';

interface Quantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}

type Resource = { [key: string]: unknown };

/**
 * A copy of the prescription carrying how much has been dispensed against it, in the unit of its
 * `dispenseRequest.quantity`, so a card can show "20 of 30 dispensed" without adding up dispenses itself. The mock
 * server's `$summary` and the SDK's assembled summary both use it, so both say the same.
 */
export function withDispensedQuantity<T extends Resource>(request: Readonly<T>, dispenses: readonly Resource[]): T {
  const prescribed = (request.dispenseRequest as { quantity?: Quantity } | undefined)?.quantity;
  let total = 0;
  let unitOf: Quantity | undefined = prescribed;
  for (const dispense of dispenses) {
    if (dispense.status !== 'completed') continue;
    const quantity = dispense.quantity as Quantity | undefined;
    if (typeof quantity?.value !== 'number') continue;
    total += quantity.value;
    unitOf ??= quantity;
  }
  const value: Quantity = { value: total };
  if (unitOf?.unit !== undefined) value.unit = unitOf.unit;
  if (unitOf?.system !== undefined) value.system = unitOf.system;
  if (unitOf?.code !== undefined) value.code = unitOf.code;
  const copy = structuredClone(request) as T;
  const extensions = ((copy.extension as unknown[] | undefined) ?? []).filter(
    (extension) => (extension as { url?: string }).url !== DISPENSED_QUANTITY_URL,
  );
  (copy as Resource).extension = [...extensions, { url: DISPENSED_QUANTITY_URL, valueQuantity: value }];
  return copy;
}
