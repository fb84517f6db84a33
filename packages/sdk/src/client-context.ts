import type { Client } from 'openapi-fetch';
import type { AuthProvider } from './auth/auth-provider.js';
import type { FhirPaths, ShifoPaths } from './fhir/paths.js';
import type { ShifoProfiles } from './fhir/profiles.js';
import type { AttachedOffline } from './offline/offline-parts.js';
import type { FetchLike } from './transport/attempt.js';

/**
 * What every task helper (`patients`, `prescriptions`, `queue`, ...) is built from. Helpers that write use
 * `writesOf(context)`, so every write is applied once and may wait in the offline outbox.
 */
export interface ClientContext {
  /** Typed client for every contract path, relative to the server root (`/queue/...`, `/fhir/...`). */
  readonly api: Client<ShifoPaths>;
  /** Typed client for FHIR paths relative to the FHIR base (`/Patient/{id}`). */
  readonly fhir: Client<FhirPaths>;
  readonly profiles: ShifoProfiles;
  // NOTE for helper authors: there is no `context.writes`. Write with `writesOf(context).write(intent, options)`
  // from './writes/writes-of.js' (same WriteChannel API): made on first use, so read-only apps do not ship it.
  readonly baseUrl: string;
  readonly fhirBaseUrl: string;
  /** The client's transport (retries, timeouts, refresh on 401): for requests openapi-fetch cannot make (SSE). */
  readonly fetch: FetchLike;
  readonly auth: AuthProvider;
  /** The language for `Accept-Language`, when one is set. */
  readonly locale: () => string | undefined;
  /** With `offline`: the outbox, reachability and the summary cache (writes go through `writesOf(context)`). */
  readonly offline: Omit<AttachedOffline, 'transport' | 'wipe' | 'close'> | undefined;
  /** `ShifoClientOptions.conditionalCreate`. */
  readonly conditionalCreate: boolean | undefined;
}
