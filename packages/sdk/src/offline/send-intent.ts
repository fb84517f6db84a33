import type { AuthProvider } from '../auth/auth-provider.js';
import { errorFromFailure, errorFromResponse } from '../errors/from-response.js';
import type { FetchLike } from '../transport/attempt.js';
import type { SentIntent, WriteIntent } from './intent.js';
import type { CapabilityShape } from '../fhir/capabilities.js';

/** The identifier system of Shifo's client-generated request ids (DESIGN.md §2). */
export const REQUEST_ID_SYSTEM = 'urn:shifo:request-id';

export interface IntentSenderOptions {
  baseUrl: string;
  /** FHIR base; defaults to `${baseUrl}/fhir`. Intent paths under `/fhir` are sent relative to it. */
  fhirBaseUrl?: string;
  /** The client's transport (retries, refresh on 401) or any fetch. */
  fetch?: FetchLike;
  auth?: AuthProvider;
  /**
   * Whether the server supports conditional create (`If-None-Exist`). Default: read from the
   * CapabilityStatement once; where it says no (DHP today), a re-sent create is preceded by a search.
   */
  conditionalCreate?: boolean;
  /** The client's CapabilityStatement, read once and shared (default: this sender reads its own). */
  capabilities?: (signal: AbortSignal) => Promise<CapabilityShape>;
}

/** `POST /fhir/{Type}`: the resource type of a FHIR create, or undefined. */
export function fhirCreateType(intent: Pick<WriteIntent, 'method' | 'path'>): string | undefined {
  if (intent.method !== 'POST') return undefined;
  return /^\/fhir\/([A-Z][A-Za-z]+)$/.exec(intent.path)?.[1];
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends intents so that the server applies each at most once however often it is sent: queue and feedback writes
 * carry their `Idempotency-Key`; FHIR creates carry their `urn:shifo:request-id` identifier and either
 * `If-None-Exist` on it (conditional create) or, when a previous attempt may have reached the server, a search
 * for it first. Refusals throw ShifoErrors; failures to reach the server throw `network`/`timeout` ShifoErrors.
 */
export class IntentSender {
  private readonly baseUrl: string;
  private readonly fhirBaseUrl: string;
  private readonly fetch: FetchLike;
  private capabilities: Promise<CapabilityShape> | undefined;

  constructor(private readonly options: IntentSenderOptions) {
    this.baseUrl = trimSlash(options.baseUrl);
    this.fhirBaseUrl = trimSlash(options.fhirBaseUrl ?? `${this.baseUrl}/fhir`);
    this.fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  }

  private urlOf(path: string, params?: Record<string, string>): string {
    const base = path === '/fhir' || path.startsWith('/fhir/') ? this.fhirBaseUrl + path.slice(5) : this.baseUrl + path;
    const query = params && Object.keys(params).length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
    return base + query;
  }

  private async headersFor(path: string): Promise<Headers> {
    const fhir = path.startsWith('/fhir');
    const headers = new Headers({ Accept: fhir ? 'application/fhir+json' : 'application/json' });
    const token = await this.options.auth?.getAccessToken();
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return headers;
  }

  private async call(request: Request): Promise<Response> {
    try {
      return await this.fetch(request);
    } catch (failure) {
      throw errorFromFailure(failure);
    }
  }

  private async supportsConditionalCreate(type: string, signal: AbortSignal): Promise<boolean> {
    if (this.options.conditionalCreate !== undefined) return this.options.conditionalCreate;
    this.capabilities ??=
      this.options.capabilities?.(signal) ??
      (async () => {
        const request = new Request(this.urlOf('/fhir/metadata'), { headers: await this.headersFor('/fhir'), signal });
        const response = await this.call(request);
        const body = await bodyOf(response);
        if (!response.ok) throw errorFromResponse(response, body);
        return body as CapabilityShape;
      })();
    const pending = this.capabilities;
    pending.catch(() => {
      if (this.capabilities === pending) this.capabilities = undefined;
    });
    const statement = await pending;
    const entry = statement.rest?.[0]?.resource?.find((resource) => resource.type === type);
    return entry?.conditionalCreate === true;
  }

  /** The resource a previous attempt already created, found by its request id (search-before-resend). */
  private async findCreated(type: string, identifier: string, signal: AbortSignal): Promise<unknown> {
    const headers = await this.headersFor('/fhir');
    headers.set('Content-Type', 'application/x-www-form-urlencoded');
    const body = new URLSearchParams({ identifier: `${REQUEST_ID_SYSTEM}|${identifier}` }).toString();
    const request = new Request(this.urlOf(`/fhir/${type}/_search`), { method: 'POST', headers, body, signal });
    const response = await this.call(request);
    const bundle = (await bodyOf(response)) as { entry?: { resource?: unknown }[] } | undefined;
    if (!response.ok) throw errorFromResponse(response, bundle);
    return bundle?.entry?.[0]?.resource;
  }

  /** Sends one intent (its `attempts` already counts this attempt). */
  async send(intent: WriteIntent, signal: AbortSignal): Promise<SentIntent> {
    const type = fhirCreateType(intent);
    const identifier = intent.idempotency.identifier;
    const headers = await this.headersFor(intent.path);
    if (type && identifier) {
      if (await this.supportsConditionalCreate(type, signal)) {
        headers.set('If-None-Exist', `identifier=${REQUEST_ID_SYSTEM}|${identifier}`);
      } else if (intent.attempts > 1) {
        const existing = await this.findCreated(type, identifier, signal);
        if (existing !== undefined) return { intent, status: 200, body: existing, replayed: true };
      }
    }
    if (intent.idempotency.key) headers.set('Idempotency-Key', intent.idempotency.key);
    for (const [name, value] of Object.entries(intent.headers ?? {})) headers.set(name, value);
    const hasBody = intent.body !== undefined;
    if (hasBody)
      headers.set('Content-Type', intent.path.startsWith('/fhir') ? 'application/fhir+json' : 'application/json');
    const request = new Request(this.urlOf(intent.path, intent.params), {
      method: intent.method,
      headers,
      body: hasBody ? JSON.stringify(intent.body) : undefined,
      signal,
    });
    const response = await this.call(request);
    const body = await bodyOf(response);
    if (!response.ok) throw errorFromResponse(response, body);
    const replayed =
      response.headers.get('Idempotent-Replayed') === 'true' || (type !== undefined && response.status === 200);
    return { intent, status: response.status, body, replayed };
  }
}
