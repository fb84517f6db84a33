import createClient, { type Client } from 'openapi-fetch';
import { toAuthProvider, type AuthOption } from './auth/auth-provider.js';
import type { FhirPaths, ShifoPaths } from './fhir/paths.js';
import { resolveProfiles, type ShifoProfiles } from './fhir/profiles.js';
import { createPatientsApi, type PatientsApi } from './patients.js';
import { createTransport, type FetchLike } from './transport/create-fetch.js';
import type { RetryOptions } from './transport/retry-policy.js';
import { headersMiddleware } from './transport/middleware.js';

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
}

export interface ShifoClient {
  /** The raw, fully typed client for every path of the contract (`/fhir/...`, `/queue/...`, `/feedback/...`). */
  readonly api: Client<ShifoPaths>;
  /** The raw, fully typed client for FHIR paths relative to the FHIR base (`/Patient/{id}`). */
  readonly fhir: Client<FhirPaths>;
  readonly patients: PatientsApi;
  readonly profiles: ShifoProfiles;
  readonly baseUrl: string;
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
  const profiles = resolveProfiles(options.profiles);

  const api = createClient<ShifoPaths>({ baseUrl, fetch: transport });
  const fhir = createClient<FhirPaths>({ baseUrl: fhirBaseUrl, fetch: transport });
  for (const client of [api, fhir] as Client<never>[]) client.use(headersMiddleware(auth, locale));

  return { api, fhir, patients: createPatientsApi(fhir, profiles), profiles, baseUrl };
}
