import type { Bundle } from '../fhir/types.js';

/** The resources of one type in a searchset (DHP may add OperationOutcome entries; `_include`d ones differ too). */
export function resourcesOf<T extends { resourceType: string }>(bundle: Bundle, type: T['resourceType']): T[] {
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.resourceType === type ? [entry.resource as unknown as T] : [],
  );
}
