import type { StoredResource } from '../../../store/resource-store.js';

interface Concept {
  coding?: { system?: string; code?: string }[];
}

/** The codes of a CodeableConcept (or of an array of them), optionally of one system. Plain loops: this runs
 * for every observation of a 3,000-observation history on each summary. */
export function codesOf(concept: unknown, system?: string): string[] {
  const codes: string[] = [];
  const concepts = (Array.isArray(concept) ? concept : [concept]) as (Concept | undefined)[];
  for (const c of concepts) {
    for (const coding of c?.coding ?? []) {
      if (typeof coding.code === 'string' && (system === undefined || coding.system === system))
        codes.push(coding.code);
    }
  }
  return codes;
}

export const LOINC = 'http://loinc.org';

function startOf(period: unknown): unknown {
  return (period as { start?: unknown } | undefined)?.start;
}

/** When an Observation was taken or an Encounter started: the date the summary sorts and windows by. */
export function whenOf(resource: Readonly<StoredResource>): string | undefined {
  for (const candidate of [
    resource.effectiveDateTime,
    resource.effectiveInstant,
    startOf(resource.effectivePeriod),
    resource.issued,
    startOf(resource.actualPeriod),
    resource.plannedStartDate,
    startOf(resource.period),
  ]) {
    if (typeof candidate === 'string') return candidate;
  }
  return undefined;
}

/** Milliseconds of a FHIR date/dateTime, for ordering (partial dates count from their start); 0 when unknown. */
export function timeOf(resource: Readonly<StoredResource>): number {
  const when = whenOf(resource);
  const parsed = when === undefined ? NaN : Date.parse(when);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** Is the resource's date on or after `since` (`YYYY-MM-DD`)? Undated resources are left out of windows. */
export function isSince(resource: Readonly<StoredResource>, since: string): boolean {
  const when = whenOf(resource);
  return when !== undefined && when.slice(0, 10) >= since;
}

/** Most recent first. */
export function newestFirst<T extends Readonly<StoredResource>>(resources: T[]): T[] {
  return resources
    .map((resource) => ({ resource, time: timeOf(resource) }))
    .sort((a, b) => b.time - a.time)
    .map(({ resource }) => resource);
}

/** `_since` as a full date: `2025` → `2025-01-01`, `2025-03` → `2025-03-01`. */
export function sinceDate(since: string): string {
  return since.length === 4 ? `${since}-01-01` : since.length === 7 ? `${since}-01` : since;
}
