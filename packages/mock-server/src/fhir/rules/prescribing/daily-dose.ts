import type { FormularyEntry } from '../../../seed/types.js';
import { asArray, asNumber, asObject, asObjects, asString, type JsonObject } from './json.js';

/** A daily amount of the active ingredient, in the unit of the product's strength. */
export interface DailyDose {
  value: number;
  unit: string;
}

// Units people and systems write for "one piece of the product": v3-orderableDrugForm codes, UCUM annotations,
// English and Uzbek words. Normalised to the strength denominators of the formulary.
const PIECE_UNITS: Record<string, string> = {
  tab: 'tablet',
  tablet: 'tablet',
  tablets: 'tablet',
  tabletka: 'tablet',
  '{tbl}': 'tablet',
  '{tablet}': 'tablet',
  cap: 'capsule',
  capsule: 'capsule',
  capsules: 'capsule',
  kapsula: 'capsule',
  '{capsule}': 'capsule',
  supp: 'suppository',
  suppository: 'suppository',
  shamcha: 'suppository',
  sham: 'suppository',
  '{sachet}': 'sachet',
  sachet: 'sachet',
  paketcha: 'sachet',
  '{vial}': 'vial',
  vial: 'vial',
  flakon: 'vial',
  '{dose}': 'dose',
  dose: 'dose',
  doza: 'dose',
  '{puff}': 'dose',
  puff: 'dose',
  ml: 'ml',
  g: 'g',
};

// Factors to a base unit per dimension: mass to mg, international units, volume to mL.
const CONVERTIBLE: Record<string, { base: string; factor: number }> = {
  g: { base: 'mg', factor: 1000 },
  mg: { base: 'mg', factor: 1 },
  ug: { base: 'mg', factor: 0.001 },
  mcg: { base: 'mg', factor: 0.001 },
  µg: { base: 'mg', factor: 0.001 },
  ng: { base: 'mg', factor: 0.000001 },
  '[iu]': { base: 'iu', factor: 1 },
  iu: { base: 'iu', factor: 1 },
  ml: { base: 'ml', factor: 1 },
  l: { base: 'ml', factor: 1000 },
};

function normalisedUnit(unit: string): string {
  return unit.trim().toLowerCase();
}

/** `amount` of `from` expressed in `to`, when both measure the same dimension. */
export function convert(amount: number, from: string, to: string): number | undefined {
  const source = CONVERTIBLE[normalisedUnit(from)];
  const target = CONVERTIBLE[normalisedUnit(to)];
  if (normalisedUnit(from) === normalisedUnit(to)) return amount;
  if (!source || !target || source.base !== target.base) return undefined;
  return (amount * source.factor) / target.factor;
}

/** One dose in the strength unit: a dose in pieces (tablets, puffs, mL of a solution) counts its ingredient. */
function doseInStrengthUnit(entry: FormularyEntry, quantity: JsonObject): number | undefined {
  const value = asNumber(quantity.value);
  const unit = asString(quantity.code) ?? asString(quantity.unit);
  if (value === undefined || unit === undefined) return undefined;
  const strength = entry.strength;
  const piece = PIECE_UNITS[normalisedUnit(unit)];
  const perPiece = PIECE_UNITS[normalisedUnit(strength.per.unit)] ?? normalisedUnit(strength.per.unit);
  if (piece !== undefined && piece === perPiece && perPiece !== normalisedUnit(strength.unit)) {
    return (value * strength.value) / strength.per.value;
  }
  return convert(value, unit, strength.unit);
}

const DAYS_PER_UNIT: Record<string, number> = {
  s: 1 / 86_400,
  min: 1 / 1_440,
  h: 1 / 24,
  d: 1,
  wk: 7,
  mo: 30,
  a: 365,
};

/** Administrations per day, taking the upper bound wherever the timing gives a range. */
function administrationsPerDay(dosage: JsonObject): number | undefined {
  const repeat = asObject(asObject(dosage.timing)?.repeat);
  if (!repeat) return 1;
  const times =
    asNumber(repeat.frequencyMax) ??
    asNumber(repeat.frequency) ??
    (Math.max(asArray(repeat.timeOfDay).length, asArray(repeat.when).length) || 1);
  const period = asNumber(repeat.period) ?? 1;
  const days = DAYS_PER_UNIT[asString(repeat.periodUnit) ?? 'd'];
  if (days === undefined || period <= 0) return undefined;
  return times / (period * days);
}

/** The largest single dose of one instruction (`doseQuantity`, or the top of `doseRange`). */
function doseQuantity(dosage: JsonObject): JsonObject | undefined {
  for (const doseAndRate of asObjects(dosage.doseAndRate)) {
    const quantity = asObject(doseAndRate.doseQuantity) ?? asObject(asObject(doseAndRate.doseRange)?.high);
    if (quantity) return quantity;
  }
  return undefined;
}

/**
 * The highest daily amount the instructions add up to: instructions with the same `sequence` run together and
 * add up, different sequences follow each other. Undefined when a dose or its unit cannot be read, so the
 * maximum-dose check is skipped rather than guessed.
 */
export function dailyDose(entry: FormularyEntry, dosageInstruction: unknown): DailyDose | undefined {
  const bySequence = new Map<number, number>();
  for (const dosage of asObjects(dosageInstruction)) {
    const quantity = doseQuantity(dosage);
    if (!quantity) continue;
    const dose = doseInStrengthUnit(entry, quantity);
    const perDay = administrationsPerDay(dosage);
    if (dose === undefined || perDay === undefined) return undefined;
    const sequence = asNumber(dosage.sequence) ?? 0;
    bySequence.set(sequence, (bySequence.get(sequence) ?? 0) + dose * perDay);
  }
  if (bySequence.size === 0) return undefined;
  return { value: Math.max(...bySequence.values()), unit: entry.strength.unit };
}

/** The daily dose above the product's maximum, or undefined when it is within it (or cannot be compared). */
export function excessiveDailyDose(entry: FormularyEntry, dosageInstruction: unknown): DailyDose | undefined {
  const max = entry.maxDailyDose;
  if (!max) return undefined;
  const daily = dailyDose(entry, dosageInstruction);
  if (!daily) return undefined;
  const inMaxUnit = convert(daily.value, daily.unit, max.unit);
  // A relative tolerance absorbs floating-point noise (0.1 mg × 3 is not 0.3 mg in binary).
  return inMaxUnit !== undefined && inMaxUnit > max.value * (1 + 1e-9) ? daily : undefined;
}
