import type { Principal } from './auth/principal.js';
import { defaultScopes } from './auth/role-scopes.js';
import { loadThroughTransaction } from './fhir/operations/transaction/fixture-transaction.js';
import { loadFixtures } from './fixtures.js';
import { buildSlots } from './queue/slot-generator.js';
import { buildSeed, type Seed, type SeedKind } from './seed/index.js';
import type { ResourceStore } from './store/resource-store.js';

export interface LoadedSeed {
  seed: Seed;
  users: Map<string, Principal>;
  deniedPatients: Set<string>;
}

/** Fills an empty store with the seed (and, unless `none`, the UZ Core examples) and returns who may sign in. */
export function loadSeed(store: ResourceStore, kind: SeedKind, today: Date): LoadedSeed {
  const loaded = describeSeed(kind, today);
  store.putAll(loaded.seed.resources);
  // Bookable Slots from the queue schedules (online booking).
  store.putAll(buildSlots(loaded.seed));
  // The examples go in as a client would send them: one transaction Bundle of PUTs (ids kept), all or nothing.
  if (kind !== 'none') loadThroughTransaction(store, loadFixtures(), () => today);
  return loaded;
}

/** The seed's catalogues, users and consents without storing its resources (a data file already holds them). */
export function describeSeed(kind: SeedKind, today: Date): LoadedSeed {
  const seed = buildSeed(kind, { today });
  const users = new Map<string, Principal>();
  for (const user of seed.users) {
    users.set(user.username, {
      id: user.id,
      role: user.role,
      displayName: user.displayName,
      scopes: defaultScopes(user.role),
      ...(user.facilityId ? { facilityId: user.facilityId } : {}),
      ...(user.patientId ? { patientId: user.patientId } : {}),
      ...(user.locationId ? { locationId: user.locationId } : {}),
      ...(user.practitionerRoleId ? { practitionerRoleId: user.practitionerRoleId } : {}),
    });
  }
  const deniedPatients = new Set(seed.consents.filter((c) => c.decision === 'deny').map((c) => c.patientId));
  return { seed, users, deniedPatients };
}
