import type { FormularyEntry, Seed } from '../../seed/types.js';

const byMedication = new WeakMap<Seed, Map<string, FormularyEntry>>();

/**
 * The names people search a medicine by that the Medication resource does not carry itself: the INN in uz/ru/en and
 * trade names, from the seed's formulary.
 */
export function formularyNames(seed: Seed, medicationId: string): string[] {
  let index = byMedication.get(seed);
  if (!index) {
    index = new Map(seed.formulary.map((entry) => [entry.medicationId, entry]));
    byMedication.set(seed, index);
  }
  const entry = index.get(medicationId);
  return entry ? [entry.inn.uz, entry.inn.ru, entry.inn.en, ...entry.tradeNames] : [];
}
