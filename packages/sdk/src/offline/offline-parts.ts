import type { AuthProvider } from '../auth/auth-provider.js';
import type { PatientSummary } from '../summary/types.js';
import type { FetchLike } from '../transport/attempt.js';
import { createOutboxWrites } from '../writes/outbox-writes.js';
import type { WriteChannel } from '../writes/write-channel.js';
import { closableCache } from './closable-cache.js';
import { createOutbox, type Outbox } from './outbox.js';
import { createReachability, type Reachability } from './reachability.js';
import { reportingReachability } from './report-reachability.js';
import { createSummaryCache, type SummaryCache } from './summary-cache.js';
import type { OfflineNamespace } from './store-name.js';
import type { CapabilityShape } from '../fhir/capabilities.js';

export interface OfflineOptions extends OfflineNamespace {
  /** Send queued writes as soon as they are made and when the server is reachable again (default true). */
  autoFlush?: boolean;
  /** Patients whose last summary is kept for offline reading (default 50; 0 keeps none). */
  cachedSummaries?: number;
}

/** The browser-side pieces that keep a client useful through a bad connection. */
export interface OfflineParts {
  /** Writes waiting for the central store, and those it refused (to show and resolve). */
  readonly outbox: Outbox;
  /** Whether the central store answers, from real requests and a backed-off probe. */
  readonly reachability: Reachability;
  /** The last summary read of recently opened patients, encrypted. */
  readonly summaries: SummaryCache<PatientSummary> | undefined;
}

/** How the client's connection is handed to the offline parts. */
export interface OfflineConnection {
  baseUrl: string;
  fhirBaseUrl: string;
  fetch: FetchLike;
  auth: AuthProvider;
  conditionalCreate: boolean | undefined;
  /** The client's shared CapabilityStatement read. */
  capabilities: (signal: AbortSignal) => Promise<CapabilityShape>;
}

/** The offline parts attached to one client: with its transport (fed to reachability), wipe and close. */
export interface AttachedOffline extends OfflineParts {
  readonly transport: FetchLike;
  /** Writes through the outbox, falling back to `direct` for writes that must not wait. */
  writesVia(direct: WriteChannel): WriteChannel;
  wipe(): Promise<void>;
  close(): void;
}

/**
 * What `createShifoClient({ offline })` takes: made by `offlineStorage()`, attached by the client to its own
 * connection. A separate import, so an app that never works offline does not ship the outbox and the cache.
 */
export interface OfflineSetup {
  readonly namespace: OfflineNamespace;
  attach(connection: OfflineConnection): AttachedOffline;
}

/**
 * Offline support for a browser client: writes wait in an encrypted IndexedDB outbox until the central store takes
 * them, and the last summaries read are kept (encrypted) to show, marked stale, while it cannot be reached. One
 * store per `tenant` (facility or HIS) and `user` (the signed-in staff member).
 *
 * @example
 * const shifo = createShifoClient({ baseUrl, auth, offline: offlineStorage({ tenant: 'yunusobod', user: staffId }) });
 */
export function offlineStorage(options: OfflineOptions): OfflineSetup {
  return {
    namespace: { tenant: options.tenant, user: options.user },
    attach: (connection) => attachOffline(options, connection),
  };
}

function attachOffline(options: OfflineOptions, connection: OfflineConnection): AttachedOffline {
  const namespace = { tenant: options.tenant, user: options.user };
  const reachability = createReachability({ baseUrl: connection.baseUrl, fetch: connection.fetch });
  const transport = reportingReachability(connection.fetch, reachability);
  const outbox = createOutbox({
    ...namespace,
    baseUrl: connection.baseUrl,
    fhirBaseUrl: connection.fhirBaseUrl,
    fetch: transport,
    auth: connection.auth,
    reachability,
    ...(options.autoFlush === undefined ? {} : { autoFlush: options.autoFlush }),
    ...(connection.conditionalCreate === undefined ? {} : { conditionalCreate: connection.conditionalCreate }),
    capabilities: connection.capabilities,
  });
  const maxEntries = options.cachedSummaries ?? 50;
  const summaries =
    maxEntries > 0 ? closableCache(createSummaryCache<PatientSummary>({ ...namespace, maxEntries })) : undefined;
  let signedOut = false;
  return {
    outbox,
    reachability,
    summaries,
    transport,
    writesVia: (direct) => createOutboxWrites(outbox, direct, () => signedOut),
    async wipe() {
      signedOut = true;
      outbox.close();
      reachability.close();
      await outbox.wipe();
      await summaries?.wipeForGood();
    },
    close() {
      outbox.close();
      reachability.close();
    },
  };
}
