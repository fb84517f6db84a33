import type { Principal } from './auth/principal.js';
import { loadFixtures } from './fixtures.js';
import { buildSeed, type Seed, type SeedKind } from './seed/index.js';
import type { ResourceStore } from './store/resource-store.js';

export interface LoadedSeed {
  seed: Seed;
  users: Map<string, Principal>;
  deniedPatients: Set<string>;
}

/** Fills an empty store with the seed (and, unless `none`, the UZ Core examples) and returns who may sign in. */
export function loadSeed(store: ResourceStore, kind: SeedKind, today: Date): LoadedSeed {
  const seed = buildSeed(kind, { today });
  for (const resource of seed.resources) store.put(resource);
  if (kind !== 'none') for (const resource of loadFixtures()) store.put(resource);

  const users = new Map<string, Principal>();
  for (const user of seed.users) {
    users.set(user.username, {
      id: user.id,
      role: user.role,
      displayName: user.displayName,
      scopes: [],
      ...(user.facilityId ? { facilityId: user.facilityId } : {}),
      ...(user.patientId ? { patientId: user.patientId } : {}),
      ...(user.locationId ? { locationId: user.locationId } : {}),
      ...(user.practitionerRoleId ? { practitionerRoleId: user.practitionerRoleId } : {}),
    });
  }
  const deniedPatients = new Set(seed.consents.filter((c) => c.decision === 'deny').map((c) => c.patientId));
  return { seed, users, deniedPatients };
}
