import type { Principal } from './auth/principal.js';
import type { TokenStore } from './auth/token-store.js';
import type { FaultInjector, FaultKind } from './faults/fault-injector.js';
import type { Journal } from './persistence/journal.js';
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
  /** `--queues-always-open`: schedules' hours do not close queues (demos). */
  queuesAlwaysOpen: boolean;
  /** The last 1,000 requests, oldest first, for `/__admin/requests`. */
  requestLog: RequestLogEntry[];
  /** Fault injection (`/__admin/faults`, `--latency`, `--fail-rate`). */
  faults: FaultInjector;
  /** The data file's journal, with `--data FILE`; absent when the state lives in memory only. */
  journal?: Journal;
}

/** One request, as the contract's `RequestLogEntry`: no ids, tokens, query values or bodies. */
export interface RequestLogEntry {
  id: string;
  at: string;
  method: string;
  /** The contract's path template, never the concrete path: ids and identifiers stay out of logs. */
  route: string;
  operationId?: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  durationMs: number;
  role?: string;
  /** The demo user's or OAuth client's id. */
  user?: string;
  fault: FaultKind | null;
  idempotentReplay?: boolean;
}
