import createClient, { type Client } from 'openapi-fetch';
import { toAuthProvider, type AuthOption } from './auth/auth-provider.js';
import type { ClientContext } from './client-context.js';
import { createAppointmentsApi, type AppointmentsApi } from './appointments.js';
import { createAuditApi, type AuditApi } from './audit.js';
import { createDispensesApi, type DispensesApi } from './dispenses.js';
import { createFeedbackApi, type FeedbackApi } from './feedback.js';
import type { FhirPaths, ShifoPaths } from './fhir/paths.js';
import { resolveProfiles, type ShifoProfiles } from './fhir/profiles.js';
import { createMedicationsApi, type MedicationsApi } from './medications.js';
import type { OfflineParts, OfflineSetup } from './offline/offline-parts.js';
import { IntentSender } from './offline/send-intent.js';
import { createPatientsApi, type PatientsApi } from './patients.js';
import { createPrescriptionsApi, type PrescriptionsApi } from './prescriptions.js';
import { createQueueApi, type QueueApi } from './queue/queue-api.js';
import { createTerminologyApi, type TerminologyApi } from './terminology.js';
import { createTransport, type FetchLike } from './transport/create-fetch.js';
import { headersMiddleware } from './transport/middleware.js';
import type { RetryOptions } from './transport/retry-policy.js';
import { createDirectWrites } from './writes/direct-writes.js';

export interface ShifoClientOptions {
  /** Root of the Shifo-compatible server, e.g. `http://localhost:4010`. */
  baseUrl: string;
  /** FHIR base; defaults to `${baseUrl}/fhir` (DHP production serves FHIR at its host's root: set it then). */
  fhirBaseUrl?: string;
  /** Where bearer tokens come from; see `AuthProvider`. */
  auth?: AuthOption;
  /** BCP 47 language sent as `Accept-Language` (`uz`, `uz-Cyrl`, `ru`, `en`), or a function returning it. */
  locale?: string | (() => string | undefined);
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: FetchLike;
  /**
   * Automatic retries of requests that are safe to repeat (reads, searches, `If-Match` updates, conditional
   * creates, writes with an `Idempotency-Key`) after network failures, 408, 429, 502, 503 and 504;
   * `false` for none. Default: 4 attempts, full-jitter backoff from 250 ms, waits capped at 10 s.
   */
  retry?: RetryOptions | false;
  /** Time allowed for an answer, retries included, before a `timeout` ShifoError; 0 for none (default 15,000). */
  timeoutMs?: number;
  /** Overrides for UZ Core canonicals and identifier systems (DHP renames them between versions). */
  profiles?: Parameters<typeof resolveProfiles>[0];
  /**
   * Browser only: `offlineStorage({ tenant, user })` keeps writes in an encrypted IndexedDB outbox until the central
   * store takes them, and the last summaries read in an encrypted cache shown (marked stale) while it cannot be
   * reached. See docs/offline.md.
   */
  offline?: OfflineSetup;
  /**
   * Whether the server honours conditional create (`If-None-Exist`); default: asks its CapabilityStatement once.
   * Where it does not (DHP today), a create re-sent after a lost answer is preceded by a search for it.
   */
  conditionalCreate?: boolean;
}

export interface ShifoClient {
  /** The raw, fully typed client for every path of the contract (`/fhir/...`, `/queue/...`, `/feedback/...`). */
  readonly api: Client<ShifoPaths>;
  /** The raw, fully typed client for FHIR paths relative to the FHIR base (`/Patient/{id}`). */
  readonly fhir: Client<FhirPaths>;
  readonly patients: PatientsApi;
  readonly prescriptions: PrescriptionsApi;
  readonly dispenses: DispensesApi;
  readonly medications: MedicationsApi;
  readonly terminology: TerminologyApi;
  readonly queue: QueueApi;
  readonly appointments: AppointmentsApi;
  readonly feedback: FeedbackApi;
  readonly audit: AuditApi;
  /** With `offline`: the outbox (pending writes, refused writes to resolve, events), reachability and cache. */
  readonly offline: OfflineParts | undefined;
  readonly profiles: ShifoProfiles;
  readonly baseUrl: string;
  /** What the task helpers are built from, for helpers of your own. */
  readonly context: ClientContext;
  /**
   * Signs the user out: forgets tokens (and tells other tabs), then deletes the offline outbox and cache with
   * their keys. Writes still waiting in the outbox are lost: check `offline.outbox.pending()` first and warn.
   */
  signOut(): Promise<void>;
  /** Stops the offline parts' timers and listeners (the stores are kept); for a client being replaced. */
  close(): void;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Creates a Shifo client. It holds no global state: two clients (two facilities) never share tokens. */
export function createShifoClient(options: ShifoClientOptions): ShifoClient {
  const baseUrl = trimSlash(options.baseUrl);
  const fhirBaseUrl = trimSlash(options.fhirBaseUrl ?? `${baseUrl}/fhir`);
  const auth = toAuthProvider(options.auth);
  const locale = typeof options.locale === 'function' ? options.locale : () => options.locale as string | undefined;
  const transport = createTransport({
    fetch: options.fetch,
    auth,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
  });
  const offline = options.offline
    ? options.offline.attach({
        baseUrl,
        fhirBaseUrl,
        fetch: transport,
        auth,
        conditionalCreate: options.conditionalCreate,
      })
    : undefined;
  const send = offline?.transport ?? transport;
  const profiles = resolveProfiles(options.profiles);

  const api = createClient<ShifoPaths>({ baseUrl, fetch: send });
  const fhir = createClient<FhirPaths>({ baseUrl: fhirBaseUrl, fetch: send });
  for (const client of [api, fhir] as Client<never>[]) client.use(headersMiddleware(auth, locale));

  const sender = new IntentSender({
    baseUrl,
    fhirBaseUrl,
    fetch: send,
    auth,
    conditionalCreate: options.conditionalCreate,
  });
  const direct = createDirectWrites(sender);
  const writes = offline ? offline.writesVia(direct) : direct;
  const context: ClientContext = { api, fhir, profiles, writes, baseUrl, fhirBaseUrl, fetch: send, auth, locale };

  return {
    api,
    fhir,
    patients: createPatientsApi(context, offline?.summaries),
    prescriptions: createPrescriptionsApi(context),
    dispenses: createDispensesApi(context),
    medications: createMedicationsApi(context),
    terminology: createTerminologyApi(context),
    queue: createQueueApi(context),
    appointments: createAppointmentsApi(context),
    feedback: createFeedbackApi(context),
    audit: createAuditApi(context),
    offline: offline && { outbox: offline.outbox, reachability: offline.reachability, summaries: offline.summaries },
    profiles,
    baseUrl,
    context,
    async signOut() {
      await auth.signOut?.();
      await offline?.wipe();
    },
    close() {
      offline?.close();
    },
  };
}
