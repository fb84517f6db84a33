import { randomUUID } from 'node:crypto';
import type { ContractValidator, OpenApiDocument, Operation } from '../../../src/index.js';
import type { ServerState } from '../../../src/state.js';
import { SchemaSampler } from './schema-sample.js';

/** One HTTP request as it goes on the wire: the target is sent verbatim (no URL normalisation). */
export interface RequestSpec {
  method: string;
  /** Path and query string exactly as sent. */
  target: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export type BuiltBody =
  | { kind: 'json'; contentType: string; value: unknown }
  | { kind: 'form'; contentType: string; value: Record<string, string> };

/** A request the contract accepts, plus the parts the fuzzer mutates. */
export interface BuiltRequest {
  operation: Operation;
  spec: RequestSpec;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  body?: BuiltBody;
  /** Empty when the server's own validator accepts the request; otherwise why not (a generator gap). */
  issues: string[];
}

export interface BuildOptions {
  /** Bearer token to send, if any. */
  token?: string;
  /** Idempotency-Key to send where the contract asks for one; a fresh UUID by default. */
  idempotencyKey?: string;
}

const FORM = 'application/x-www-form-urlencoded';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/fhir/Patient/{id}/$summary` → `Patient`: the resource type a path's `{id}` names. */
function resourceTypeOfId(path: string): string | undefined {
  const segments = path.split('/');
  const index = segments.indexOf('{id}');
  return index > 0 ? segments[index - 1] : undefined;
}

function toForm(value: unknown): Record<string, string> {
  const form: Record<string, string> = {};
  if (!isRecord(value)) return form;
  for (const [key, item] of Object.entries(value)) {
    const single = Array.isArray(item) ? item[0] : item;
    if (single !== undefined && single !== null) form[key] = String(single);
  }
  return form;
}

/** The documented examples of a media type or parameter (`example`, then `examples.*.value`, refs followed). */
function examplesOf(holder: Record<string, unknown> | undefined, resolve: (value: unknown) => Record<string, unknown>) {
  if (!holder) return [];
  const found: unknown[] = [];
  if ('example' in holder) found.push(holder.example);
  if (isRecord(holder.examples))
    for (const example of Object.values(holder.examples)) {
      const resolved = resolve(example);
      if ('value' in resolved) found.push(resolved.value);
    }
  return found;
}

/**
 * Builds syntactically valid requests for any operation of the contract: path parameters from the seed (a real
 * patient, service, location…), required query and header parameters from their examples or schemas, and a
 * body from the contract's examples, the stored resource (updates) or the schema's required properties. Each
 * request is checked with the server's own `ContractValidator`, so the tests built on it exercise roles and
 * robustness rather than request validation.
 */
export class RequestFactory {
  readonly sampler: SchemaSampler;

  constructor(
    private readonly contract: OpenApiDocument,
    private readonly state: ServerState,
    private readonly validator: ContractValidator,
  ) {
    this.sampler = new SchemaSampler(contract);
  }

  private readonly resolve = (value: unknown) => this.sampler.resolve(value);

  private firstId(type: string): string | undefined {
    for (const resource of this.state.store.all(type)) return resource.id;
    return undefined;
  }

  /** A value for a path parameter: a seeded record where the name says which, else the contract's example. */
  pathValue(operation: Operation, name: string): string {
    const service = this.state.seed.queueServices[0];
    const seeded: Record<string, () => string | undefined> = {
      id: () => {
        const type = resourceTypeOfId(operation.path);
        if (!type) return undefined;
        if (type === 'Patient' && this.state.store.read('Patient', 'example-nodira')) return 'example-nodira';
        return this.firstId(type);
      },
      serviceId: () => service?.id,
      locationId: () => service?.locationId,
      ticketId: () => this.firstId('x-QueueTicket'),
      appointmentId: () => this.firstId('Appointment'),
    };
    const fromSeed = seeded[name]?.();
    if (fromSeed) return fromSeed;
    const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    const example = examplesOf(parameter as Record<string, unknown> | undefined, this.resolve)[0];
    return String(example ?? this.sampler.sample(parameter?.schema ?? {}));
  }

  private parameterValue(operation: Operation, name: string, location: 'query' | 'header'): string {
    const parameter = operation.parameters.find((p) => p.in === location && p.name === name);
    const example = examplesOf(parameter as Record<string, unknown> | undefined, this.resolve)[0];
    const value = example ?? this.sampler.sample(parameter?.schema ?? {});
    return Array.isArray(value) ? String(value[0]) : String(value);
  }

  /** A form that authenticates a client (the token endpoint) names a real demo client, not the example's. */
  private withSeedClient(form: Record<string, string>): Record<string, string> {
    const client = this.state.seed.clients.find((c) => c.type === 'confidential');
    if (!client || client.type !== 'confidential' || !('client_secret' in form)) return form;
    return { ...form, client_id: client.clientId, client_secret: client.clientSecret };
  }

  /** Body candidates, best first; the first one the contract accepts wins. */
  private bodyCandidates(operation: Operation, pathParams: Record<string, string>): BuiltBody[] {
    const content = operation.requestBody?.content ?? {};
    const candidates: BuiltBody[] = [];
    const dev = operation.roles.includes('dev');
    for (const [contentType, media] of Object.entries(content)) {
      const schema = media.schema ?? {};
      const resolved = this.sampler.resolve(schema);
      const values: unknown[] = [];
      // Dev operations only get their minimal body: the examples inject faults or reset the store.
      if (!dev) {
        const type = resourceTypeOfId(operation.path);
        const stored = type && pathParams.id ? this.state.store.read(type, pathParams.id) : undefined;
        if (stored && operation.method === 'put') values.push(stored);
        values.push(...examplesOf(media as Record<string, unknown>, this.resolve));
        const resourceType = isRecord(resolved.properties)
          ? this.sampler.resolve(resolved.properties.resourceType)
          : {};
        if (typeof resourceType.const === 'string') {
          for (const example of Object.values(this.contract.components?.examples ?? {}))
            if (isRecord(example) && isRecord(example.value) && example.value.resourceType === resourceType.const)
              values.push(example.value);
        }
      }
      const minimal = this.sampler.sample(schema);
      values.push(minimal);
      if (contentType === FORM && isRecord(resolved.properties)) {
        // An empty form is no body at all: add one optional field at a time until one fits.
        for (const [name, property] of Object.entries(resolved.properties))
          values.push({ ...(isRecord(minimal) ? minimal : {}), [name]: this.sampler.sample(property) });
      }
      for (const value of values) {
        if (contentType === FORM)
          candidates.push({ kind: 'form', contentType, value: this.withSeedClient(toForm(value)) });
        else if (contentType.includes('json')) {
          const copy = structuredClone(value);
          // An update names the resource it replaces.
          if (operation.method === 'put' && isRecord(copy) && pathParams.id && 'resourceType' in copy)
            copy.id = pathParams.id;
          candidates.push({ kind: 'json', contentType, value: copy });
        }
      }
    }
    return candidates;
  }

  private headersFor(operation: Operation, pathParams: Record<string, string>, options: BuildOptions) {
    const headers: Record<string, string> = { Accept: 'application/fhir+json, application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    for (const parameter of operation.parameters) {
      if (parameter.in !== 'header' || !parameter.required) continue;
      if (parameter.name === 'Idempotency-Key') headers[parameter.name] = options.idempotencyKey ?? randomUUID();
      else if (parameter.name === 'If-Match') {
        const type = resourceTypeOfId(operation.path);
        const stored = type && pathParams.id ? this.state.store.read(type, pathParams.id) : undefined;
        headers[parameter.name] = stored?.meta?.versionId
          ? `W/"${stored.meta.versionId}"`
          : this.parameterValue(operation, parameter.name, 'header');
      } else headers[parameter.name] = this.parameterValue(operation, parameter.name, 'header');
    }
    return headers;
  }

  build(operation: Operation, options: BuildOptions = {}): BuiltRequest {
    const pathParams: Record<string, string> = {};
    for (const name of operation.pathParamNames) pathParams[name] = this.pathValue(operation, name);
    const query: Record<string, string> = {};
    for (const parameter of operation.parameters)
      if (parameter.in === 'query' && parameter.required)
        query[parameter.name] = this.parameterValue(operation, parameter.name, 'query');
    const headers = this.headersFor(operation, pathParams, options);

    const check = (body: BuiltBody | undefined) =>
      this.validator.validateRequest(operation, {
        pathParams,
        query,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        body: body ? { kind: body.kind, value: body.value } : { kind: 'none' },
        contentType: body?.contentType ?? '',
      } as Parameters<ContractValidator['validateRequest']>[1]).issues;

    let body: BuiltBody | undefined;
    let issues: string[] = [];
    if (operation.requestBody) {
      const candidates = this.bodyCandidates(operation, pathParams);
      const failures: string[][] = [];
      for (const candidate of candidates) {
        const found = check(candidate).map((i) => `${i.expression?.join(',') ?? ''} ${i.diagnostics}`);
        if (found.length === 0) {
          body = candidate;
          break;
        }
        failures.push(found);
      }
      if (!body) {
        body = candidates[0];
        issues = failures[0] ?? ['no request body candidate'];
      }
    } else {
      issues = check(undefined).map((i) => `${i.expression?.join(',') ?? ''} ${i.diagnostics}`);
    }

    const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(pathParams[name] ?? ''),
    );
    const search = new URLSearchParams(query).toString();
    const spec: RequestSpec = {
      method: operation.method.toUpperCase(),
      target: search ? `${path}?${search}` : path,
      headers,
    };
    if (body) {
      spec.headers['Content-Type'] = body.contentType;
      spec.body = body.kind === 'form' ? new URLSearchParams(body.value).toString() : JSON.stringify(body.value);
    }
    return { operation, spec, pathParams, query, ...(body ? { body } : {}), issues };
  }
}
