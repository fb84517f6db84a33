import type { AuthProvider } from '../auth/auth-provider.js';
import type { PatientSummary } from '../summary/types.js';
import type { FetchLike } from '../transport/attempt.js';
import { createOutbox, type Outbox } from './outbox.js';
import { createReachability, type Reachability } from './reachability.js';
import { reportingReachability } from './report-reachability.js';
import { createSummaryCache, type SummaryCache } from './summary-cache.js';
import type { OfflineNamespace } from './store-name.js';

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

interface Connection {
  baseUrl: string;
  fhirBaseUrl: string;
  fetch: FetchLike;
  auth: AuthProvider;
  conditionalCreate: boolean | undefined;
}

export function createOfflineParts(
  options: OfflineOptions,
  connection: Connection,
): OfflineParts & { transport: FetchLike; wipe(): Promise<void>; close(): void } {
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
  });
  const maxEntries = options.cachedSummaries ?? 50;
  const summaries = maxEntries > 0 ? createSummaryCache<PatientSummary>({ ...namespace, maxEntries }) : undefined;
  return {
    outbox,
    reachability,
    summaries,
    transport,
    async wipe() {
      await outbox.wipe();
      await summaries?.wipe();
      outbox.close();
      reachability.close();
    },
    close() {
      outbox.close();
      reachability.close();
    },
  };
}
