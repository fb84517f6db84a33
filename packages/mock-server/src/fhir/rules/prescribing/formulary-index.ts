import type { FormularyEntry } from '../../../seed/types.js';
import type { ResourceStore } from '../../../store/resource-store.js';
import { asObject, asObjects, asString, codings, type JsonObject } from './json.js';
import { referencedId } from './references.js';
import { ATC_SYSTEM, INN_SYSTEM } from './terminology.js';

interface FormularyIndex {
  byMedicationId: Map<string, FormularyEntry>;
  byInnCode: Map<string, FormularyEntry[]>;
  byAtc: Map<string, FormularyEntry[]>;
}

// One index per formulary array: the seed (and so the formulary) is replaced on reset.
const indexes = new WeakMap<readonly FormularyEntry[], FormularyIndex>();

function indexOf(formulary: readonly FormularyEntry[]): FormularyIndex {
  let index = indexes.get(formulary);
  if (index) return index;
  index = { byMedicationId: new Map(), byInnCode: new Map(), byAtc: new Map() };
  for (const entry of formulary) {
    index.byMedicationId.set(entry.medicationId, entry);
    index.byInnCode.set(entry.innCode, [...(index.byInnCode.get(entry.innCode) ?? []), entry]);
    index.byAtc.set(entry.atc, [...(index.byAtc.get(entry.atc) ?? []), entry]);
  }
  indexes.set(formulary, index);
  return index;
}

/** The formulary product a coded medicine names (INN code first, then ATC); prescribable products first. */
function entryByCode(index: FormularyIndex, concept: unknown): FormularyEntry | undefined {
  const candidates: FormularyEntry[] = [];
  for (const coding of codings(concept)) {
    if (coding.code === undefined) continue;
    if (coding.system === INN_SYSTEM) candidates.push(...(index.byInnCode.get(coding.code) ?? []));
  }
  for (const coding of codings(concept)) {
    if (coding.code === undefined) continue;
    if (coding.system === ATC_SYSTEM) candidates.push(...(index.byAtc.get(coding.code) ?? []));
  }
  return candidates.find((entry) => entry.prescribable) ?? candidates[0];
}

/**
 * The formulary entry behind a `medication` CodeableReference: a reference to a formulary Medication, to another
 * Medication (stored or contained) whose code is a formulary INN or ATC code, or a concept carrying such a code.
 * The products of one INN share the flags and classes the rules check, so a coded medicine resolves to any of them.
 */
export function resolveMedication(
  formulary: readonly FormularyEntry[],
  store: ResourceStore,
  resource: JsonObject,
  medication: unknown,
): FormularyEntry | undefined {
  const index = indexOf(formulary);
  const reference = asObject(asObject(medication)?.reference);
  const medicationId = referencedId(reference, 'Medication');
  if (medicationId !== undefined) {
    const entry = index.byMedicationId.get(medicationId);
    if (entry) return entry;
    const stored = store.read('Medication', medicationId);
    if (stored) return entryByCode(index, stored.code);
  }
  const local = asString(reference?.reference);
  if (local?.startsWith('#')) {
    const contained = asObjects(resource.contained).find(
      (item) => item.resourceType === 'Medication' && item.id === local.slice(1),
    );
    if (contained) return entryByCode(index, contained.code);
  }
  return entryByCode(index, asObject(medication)?.concept);
}

/** The contained Medication a `#id` medication reference points at (dispenses record batch and expiry there). */
export function containedMedication(resource: JsonObject): JsonObject | undefined {
  const local = asString(asObject(asObject(resource.medication)?.reference)?.reference);
  if (!local?.startsWith('#')) return undefined;
  return asObjects(resource.contained).find((item) => item.resourceType === 'Medication' && item.id === local.slice(1));
}
