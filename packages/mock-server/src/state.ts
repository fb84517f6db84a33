import type { Principal } from './auth/principal.js';
import type { TokenStore } from './auth/token-store.js';
import type { Seed, SeedKind } from './seed/index.js';
import type { ResourceStore } from './store/resource-store.js';

/** Everything a handler may read or change. One instance per running server: two servers never share state. */
export interface ServerState {
  store: ResourceStore;
  tokens: TokenStore;
  seed: Seed;
  seedKind: SeedKind;
  /** Patients whose consent says `deny`: staff outside the managing facility get 403. */
  deniedPatients: Set<string>;
  /** Demo users by username, as principals ready to be signed in. */
  users: Map<string, Principal>;
  now: () => Date;
  /** The last 1,000 requests, for `/__admin/requests`. */
  requestLog: RequestLogEntry[];
}

export interface RequestLogEntry {
  at: string;
  method: string;
  /** The contract's path template, never the concrete path: ids and identifiers stay out of logs. */
  operation: string;
  status: number;
  ms: number;
}
