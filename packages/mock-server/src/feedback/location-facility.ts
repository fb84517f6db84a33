import type { ResourceStore, StoredResource } from '../store/resource-store.js';
import { translated, type Language } from '../http/language.js';

function referencedId(reference: unknown, type: string): string | undefined {
  const text = (reference as { reference?: unknown } | undefined)?.reference;
  if (typeof text !== 'string' || !text.startsWith(`${type}/`)) return undefined;
  return text.slice(type.length + 1);
}

/** The top of an Organization's `partOf` chain (a department belongs to its facility). */
export function topOrganization(store: ResourceStore, organizationId: string): StoredResource | undefined {
  let current = store.read('Organization', organizationId);
  for (let hops = 0; current && hops < 10; hops += 1) {
    const parentId = referencedId(current.partOf, 'Organization');
    const parent = parentId === undefined ? undefined : store.read('Organization', parentId);
    if (!parent) return current;
    current = parent;
  }
  return current;
}

/**
 * The facility (top-level Organization) a Location belongs to: through its managing organization, or, for a
 * room without one, through the Location it is part of.
 */
export function facilityOfLocation(store: ResourceStore, location: StoredResource): StoredResource | undefined {
  let current: StoredResource | undefined = location;
  for (let hops = 0; current && hops < 10; hops += 1) {
    const organizationId = referencedId(current.managingOrganization, 'Organization');
    if (organizationId !== undefined) return topOrganization(store, organizationId);
    const parentId = referencedId(current.partOf, 'Location');
    current = parentId === undefined ? undefined : store.read('Location', parentId);
  }
  return undefined;
}

/** The facility an Encounter took place at, from its service provider or its first location. */
export function facilityOfEncounter(store: ResourceStore, encounter: StoredResource): StoredResource | undefined {
  const providerId = referencedId(encounter.serviceProvider, 'Organization');
  if (providerId !== undefined) return topOrganization(store, providerId);
  const locations = encounter.location as { location?: unknown }[] | undefined;
  const locationId = Array.isArray(locations) ? referencedId(locations[0]?.location, 'Location') : undefined;
  const location = locationId === undefined ? undefined : store.read('Location', locationId);
  return location && facilityOfLocation(store, location);
}

/** The `name` of a Location or Organization in one language (translations travel as extensions). */
export function nameOf(
  store: ResourceStore,
  type: 'Location' | 'Organization',
  id: string,
  language: Language,
): string | undefined {
  const resource = store.read(type, id);
  if (!resource || typeof resource.name !== 'string') return undefined;
  return translated(resource.name, resource._name, language, resource.language as string | undefined);
}
