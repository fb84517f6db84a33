import {
  asArray,
  asConcept,
  asConcepts,
  asObject,
  asQuantity,
  asString,
  codesOf,
  referenceKey,
  type Json,
} from './json-values.js';
import type {
  AllergyEntry,
  AllergyReaction,
  DispenseEntry,
  EncounterEntry,
  MedicationEntry,
  ObservationComponent,
  ObservationEntry,
  ProblemEntry,
  ReferenceRange,
  SummaryQuantity,
} from './types.js';
import { DISPENSED_QUANTITY_URL } from './dispensed-quantity.js';

const LOINC = 'http://loinc.org';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';

const PLACER = 'PLAC';

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

function startOf(period: unknown): string | undefined {
  return asString(asObject(period)?.start);
}

export function parseAllergy(resource: Json): AllergyEntry {
  const reactions: AllergyReaction[] = asArray(resource.reaction).flatMap((item) => {
    const reaction = asObject(item);
    if (!reaction) return [];
    const parsed: AllergyReaction = {
      // R5: manifestation is a CodeableReference; R4 data carries the CodeableConcept directly.
      manifestations: asArray(reaction.manifestation).flatMap(
        (m) => asConcept(asObject(m)?.concept) ?? asConcept(m) ?? [],
      ),
    };
    const severity = oneOf(reaction.severity, ['mild', 'moderate', 'severe'] as const);
    if (severity) parsed.severity = severity;
    const substance = asConcept(reaction.substance);
    if (substance) parsed.substance = substance;
    return [parsed];
  });
  return {
    id: asString(resource.id),
    code: asConcept(resource.code),
    criticality: oneOf(resource.criticality, ['low', 'high', 'unable-to-assess'] as const),
    type: oneOf(codesOf(resource.type)[0] ?? resource.type, ['allergy', 'intolerance'] as const),
    categories: asArray(resource.category).flatMap((c) => asString(c) ?? []),
    verification: codesOf(resource.verificationStatus)[0],
    reactions,
    recordedDate: asString(resource.recordedDate),
    notes: asArray(resource.note).flatMap((n) => asString(asObject(n)?.text) ?? []),
  };
}

export function parseProblem(resource: Json): ProblemEntry {
  return {
    id: asString(resource.id),
    code: asConcept(resource.code),
    icd10: codesOf(resource.code, ICD10)[0],
    clinicalStatus: codesOf(resource.clinicalStatus)[0],
    onset: asString(resource.onsetDateTime) ?? startOf(resource.onsetPeriod) ?? asString(resource.onsetString),
    recordedDate: asString(resource.recordedDate),
  };
}

function parseDispense(resource: Json): DispenseEntry {
  return {
    id: asString(resource.id),
    status: asString(resource.status),
    quantity: asQuantity(resource.quantity),
    whenHandedOver: asString(resource.whenHandedOver),
  };
}

/** Completed dispenses added up, in the unit of the first (the fallback when the extension is missing). */
function sumOf(dispenses: DispenseEntry[]): SummaryQuantity | undefined {
  const completed = dispenses.filter((d) => d.status === 'completed' && d.quantity?.value !== undefined);
  if (completed.length === 0) return undefined;
  return { ...completed[0]!.quantity, value: completed.reduce((total, d) => total + d.quantity!.value!, 0) };
}

/**
 * A prescription as the card shows it. The medicine is named by `medication.concept`, else by the Medication
 * resource it references (included in the document, as IPS does), else by the reference's display.
 */
export function parseMedication(
  resource: Json,
  dispenseResources: Json[],
  resolve: (key: string) => Json | undefined = () => undefined,
): MedicationEntry {
  const medication = asObject(resource.medication);
  const reference = asObject(medication?.reference);
  const referenced = resolve(referenceKey(reference) ?? '');
  const byName = asString(reference?.display);
  const dispenses = dispenseResources.map(parseDispense);
  const extension = asArray(resource.extension)
    .map(asObject)
    .find((e) => e?.url === DISPENSED_QUANTITY_URL);
  const identifiers = asArray(resource.identifier).map(asObject);
  const number =
    identifiers.find((i) => codesOf(i?.type).includes(PLACER)) ?? identifiers.find((i) => asString(i?.value));
  return {
    id: asString(resource.id),
    medication:
      asConcept(medication?.concept) ??
      (referenced?.resourceType === 'Medication' ? asConcept(referenced.code) : undefined) ??
      (byName ? { text: byName } : undefined),
    status: asString(resource.status),
    authoredOn: asString(resource.authoredOn),
    number: asString(number?.value),
    dosage:
      asArray(resource.dosageInstruction)
        .flatMap((d) => asString(asObject(d)?.text) ?? [])
        .join('; ') || undefined,
    prescribed: asQuantity(asObject(resource.dispenseRequest)?.quantity),
    dispensed: asQuantity(extension?.valueQuantity) ?? sumOf(dispenses),
    dispenses,
  };
}

function valueText(source: Json): string | undefined {
  if (typeof source.valueString === 'string') return source.valueString;
  if (typeof source.valueBoolean === 'boolean') return String(source.valueBoolean);
  if (typeof source.valueInteger === 'number') return String(source.valueInteger);
  const concept = asObject(source.valueCodeableConcept);
  if (concept) return asString(concept.text) ?? asString(asObject(asArray(concept.coding)[0])?.display);
  return undefined;
}

function parseRange(value: unknown): ReferenceRange | undefined {
  const range = asObject(asArray(value)[0]);
  if (!range) return undefined;
  const parsed: ReferenceRange = {};
  const low = asQuantity(range.low);
  const high = asQuantity(range.high);
  const text = asString(range.text);
  if (low) parsed.low = low;
  if (high) parsed.high = high;
  if (text) parsed.text = text;
  return Object.keys(parsed).length > 0 ? parsed : undefined;
}

function interpretationOf(source: Json): string | undefined {
  return codesOf(asArray(source.interpretation)[0])[0];
}

function parseComponent(value: unknown): ObservationComponent[] {
  const component = asObject(value);
  if (!component) return [];
  return [
    {
      code: asConcept(component.code),
      loinc: codesOf(component.code, LOINC)[0],
      value: asQuantity(component.valueQuantity),
      valueText: valueText(component),
      interpretation: interpretationOf(component),
    },
  ];
}

/** An Observation; `resolve` finds the members of a panel in the bundle. */
export function parseObservation(resource: Json, resolve: (key: string) => Json | undefined): ObservationEntry {
  const id = asString(resource.id);
  const members: ObservationEntry[] = [];
  for (const member of asArray(resource.hasMember)) {
    const key = referenceKey(member);
    const found = key === undefined || key === `Observation/${id}` ? undefined : resolve(key);
    // Panels nest one level in practice; members' own members are not followed (no cycles possible).
    if (found) members.push(parseObservation({ ...found, hasMember: undefined }, resolve));
  }
  return {
    id,
    code: asConcept(resource.code),
    key: codesOf(resource.code, LOINC)[0] ?? codesOf(resource.code)[0] ?? asString(resource.id) ?? '',
    status: asString(resource.status),
    effective:
      asString(resource.effectiveDateTime) ??
      asString(resource.effectiveInstant) ??
      startOf(resource.effectivePeriod) ??
      asString(resource.issued),
    value: asQuantity(resource.valueQuantity),
    valueText: valueText(resource),
    referenceRange: parseRange(resource.referenceRange),
    interpretation: interpretationOf(resource),
    components: asArray(resource.component).flatMap(parseComponent),
    members,
  };
}

export function parseEncounter(resource: Json): EncounterEntry {
  const period = asObject(resource.actualPeriod) ?? asObject(resource.period);
  const practitioner = asArray(resource.participant)
    .map((p) => asString(asObject(asObject(p)?.actor)?.display))
    .find((name) => name !== undefined);
  return {
    id: asString(resource.id),
    status: asString(resource.status),
    // R5: class is a list of CodeableConcepts; R4 carried one Coding.
    classes: Array.isArray(resource.class)
      ? asConcepts(resource.class)
      : asObject(resource.class)
        ? [{ coding: [resource.class as Json] }]
        : [],
    types: asConcepts(resource.type),
    start: asString(period?.start) ?? asString(resource.plannedStartDate),
    end: asString(period?.end),
    serviceProvider: asString(asObject(resource.serviceProvider)?.display),
    practitioner,
  };
}
