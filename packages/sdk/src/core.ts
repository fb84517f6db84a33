import createClient, { type Client } from 'openapi-fetch';
import { toAuthProvider, type AuthOption } from './auth/auth-provider.js';
import type { ClientContext } from './client-context.js';
import type { FhirPaths, ShifoPaths } from './fhir/paths.js';
import { resolveProfiles, type ShifoProfiles } from './fhir/profiles.js';
import { capabilitiesOf } from './fhir/capabilities.js';
import type { OfflineParts, OfflineSetup } from './offline/offline-parts.js';
import { createTransport, type FetchLike } from './transport/create-fetch.js';
import { headersMiddleware } from './transport/middleware.js';
import type { RetryOptions } from './transport/retry-policy.js';

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

/** The connection without task helpers: typed raw clients, offline parts, sign-out. */
export interface ShifoCore {
  /** The raw, fully typed client for every path of the contract (`/fhir/...`, `/queue/...`, `/feedback/...`). */
  readonly api: Client<ShifoPaths>;
  /** The raw, fully typed client for FHIR paths relative to the FHIR base (`/Patient/{id}`). */
  readonly fhir: Client<FhirPaths>;
  /** With `offline`: the outbox (pending writes, refused writes to resolve, events), reachability and cache. */
  readonly offline: OfflineParts | undefined;
  readonly profiles: ShifoProfiles;
  readonly baseUrl: string;
  /** What task helpers are built from: `createPatientsApi(core.context)`, or helpers of your own. */
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

/**
 * The lean way in, for apps counting bytes: the connection alone, with the task helpers they need built on it
 * (`createPatientsApi(core.context)`), so a bundler leaves the others out. `createShifoClient` is this plus every
 * helper. It holds no global state: two clients (two facilities) never share tokens.
 */
export function createShifoCore(options: ShifoClientOptions): ShifoCore {
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
  const conditionalCreate = options.conditionalCreate;
  // The CapabilityStatement is read once per client, lazily, and shared (the context is made just below).
  const capabilities = (signal: AbortSignal) => capabilitiesOf(context, signal);
  const attached = options.offline?.attach({
    baseUrl,
    fhirBaseUrl,
    fetch: transport,
    auth,
    conditionalCreate,
    capabilities,
  });
  const send = attached?.transport ?? transport;
  const profiles = resolveProfiles(options.profiles);

  const api = createClient<ShifoPaths>({ baseUrl, fetch: send });
  const fhir = createClient<FhirPaths>({ baseUrl: fhirBaseUrl, fetch: send });
  for (const client of [api, fhir] as Client<never>[]) client.use(headersMiddleware(auth, locale));

  const offline: OfflineParts | undefined = attached && {
    outbox: attached.outbox,
    reachability: attached.reachability,
    summaries: attached.summaries,
  };
  const context: ClientContext = {
    api,
    fhir,
    profiles,
    baseUrl,
    fhirBaseUrl,
    fetch: send,
    auth,
    locale,
    offline: attached && { ...offline!, writesVia: attached.writesVia },
    conditionalCreate,
  };

  return {
    api,
    fhir,
    offline,
    profiles,
    baseUrl,
    context,
    async signOut() {
      // The local data goes whatever the host's sign-out does.
      try {
        await auth.signOut?.();
      } finally {
        await attached?.wipe();
      }
    },
    close() {
      attached?.close();
    },
  };
}
