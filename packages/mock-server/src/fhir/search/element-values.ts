const stepsByPath = new Map<string, readonly string[]>();

function stepsOf(path: string): readonly string[] {
  let steps = stepsByPath.get(path);
  if (!steps) stepsByPath.set(path, (steps = path.split('.')));
  return steps;
}

/**
 * The values at a dot-separated element path (`participant.actor`, `medication.concept`), arrays flattened at every
 * step, as FHIRPath does. Search parameters name their elements this way. Runs for every resource of a search, so
 * it avoids work: the result may be the resource's own array — read it, never change it.
 */
export function valuesAt(resource: unknown, path: string): readonly unknown[] {
  const steps = stepsOf(path);
  if (steps.length === 1) {
    const value = resource && typeof resource === 'object' ? (resource as Record<string, unknown>)[path] : undefined;
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  }
  let current: unknown[] = [resource];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (node === null || typeof node !== 'object') continue;
      const value = (node as Record<string, unknown>)[step];
      if (Array.isArray(value)) next.push(...(value as unknown[]));
      else if (value !== undefined && value !== null) next.push(value);
    }
    current = next;
  }
  return current;
}

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';

interface Extension {
  url?: string;
  valueString?: string;
  extension?: Extension[];
}

/** The strings at a path plus their translations (the `_element` companion's `translation` extensions). */
export function stringsAt(resource: unknown, path: string): string[] {
  const cut = path.lastIndexOf('.');
  const parents = cut < 0 ? [resource] : valuesAt(resource, path.slice(0, cut));
  const name = path.slice(cut + 1);
  const strings: string[] = [];
  for (const parent of parents) {
    if (parent === null || typeof parent !== 'object') continue;
    const record = parent as Record<string, unknown>;
    for (const value of [record[name]].flat()) if (typeof value === 'string') strings.push(value);
    for (const companion of [record[`_${name}`]].flat()) {
      for (const extension of (companion as { extension?: Extension[] } | undefined)?.extension ?? []) {
        if (extension.url !== TRANSLATION) continue;
        const content = extension.extension?.find((part) => part.url === 'content')?.valueString;
        if (content) strings.push(content);
      }
    }
  }
  return strings;
}
