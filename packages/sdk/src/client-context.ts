import type { Client } from 'openapi-fetch';
import type { AuthProvider } from './auth/auth-provider.js';
import type { FhirPaths, ShifoPaths } from './fhir/paths.js';
import type { ShifoProfiles } from './fhir/profiles.js';
import type { FetchLike } from './transport/attempt.js';
import type { WriteChannel } from './writes/write-channel.js';

/** What every task helper (`patients`, `prescriptions`, `queue`, ...) is built from. */
export interface ClientContext {
  /** Typed client for every contract path, relative to the server root (`/queue/...`, `/fhir/...`). */
  readonly api: Client<ShifoPaths>;
  /** Typed client for FHIR paths relative to the FHIR base (`/Patient/{id}`). */
  readonly fhir: Client<FhirPaths>;
  readonly profiles: ShifoProfiles;
  /** Writes that must be applied once (and may wait offline). */
  readonly writes: WriteChannel;
  readonly baseUrl: string;
  readonly fhirBaseUrl: string;
  /** The client's transport (retries, timeouts, refresh on 401): for requests openapi-fetch cannot make (SSE). */
  readonly fetch: FetchLike;
  readonly auth: AuthProvider;
  /** The language for `Accept-Language`, when one is set. */
  readonly locale: () => string | undefined;
}
