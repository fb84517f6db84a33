import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, isOpen } from './auth/authenticate.js';
import { TokenStore } from './auth/token-store.js';
import { loadContract, type OpenApiDocument } from './contract/load-contract.js';
import { listOperations, matchRoute, type Operation } from './contract/operations.js';
import { ContractValidator } from './contract/validator.js';
import { handlers } from './handlers.js';
import { applyCors } from './http/cors.js';
import { HttpError } from './http/http-error.js';
import { errorIssue, operationOutcome } from './http/outcome.js';
import { readBody } from './http/read-body.js';
import { FHIR_JSON, JSON_TYPE, sendJson, sendOutcome } from './http/send.js';
import { loadSeed } from './seed-state.js';
import type { SeedKind } from './seed/index.js';
import type { ServerState } from './state.js';
import { ResourceStore } from './store/resource-store.js';

export interface MockServerOptions {
  /** 0 picks a free port (for test suites). Default 4010. */
  port?: number;
  host?: string;
  seed?: SeedKind;
  /** Lifetime of issued access tokens, in seconds. */
  tokenTtlSeconds?: number;
  /** The dev-only `/__admin` API; on unless switched off. */
  admin?: boolean;
  /** Origins allowed by CORS; `['*']` by default, since tokens never travel in cookies. */
  corsOrigins?: string[];
  /** The clock; tests pin it. */
  now?: () => Date;
}

export interface RunningMockServer {
  /** `http://host:port`, no trailing slash. */
  url: string;
  port: number;
  state: ServerState;
  contract: OpenApiDocument;
  close(): Promise<void>;
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const now = options.now ?? (() => new Date());
  const contract = loadContract();
  const operations = listOperations(contract);
  const validator = new ContractValidator(contract);
  const store = new ResourceStore(now);
  const seedKind = options.seed ?? 'demo';
  const tokens = new TokenStore(options.tokenTtlSeconds ?? 3600, () => now().getTime());
  const loaded = loadSeed(store, seedKind, now());
  const state: ServerState = { store, tokens, seedKind, now, requestLog: [], ...loaded };
  const { requestLog } = state;
  const adminEnabled = options.admin ?? true;
  const corsOrigins = options.corsOrigins ?? ['*'];

  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    operation: Operation,
    pathParams: Record<string, string>,
  ) {
    const principal = isOpen(operation) ? undefined : authenticate(req, operation, tokens);
    const body = await readBody(req);
    const validation = validator.validateRequest(operation, {
      pathParams,
      query: queryOf(url),
      headers: req.headers,
      body,
      contentType: req.headers['content-type'] ?? '',
    });
    if (!validation.value) throw new HttpError(400, validation.issues);
    const handler = handlers[operation.operationId];
    if (!handler) {
      throw HttpError.of(
        501,
        'not-supported',
        `${operation.operationId} is in the contract but not implemented by this mock server yet.`,
      );
    }
    const origin = `http://${req.headers.host ?? `${options.host ?? '127.0.0.1'}`}`;
    const result = await handler({
      req,
      res,
      operationId: operation.operationId,
      params: validation.value.params,
      body: validation.value.body,
      principal,
      state,
      origin,
    });
    if ('streamed' in result) return;
    const contentType = result.contentType ?? (operation.path.startsWith('/fhir') ? FHIR_JSON : JSON_TYPE);
    if (result.body === undefined) {
      res.writeHead(result.status, result.headers);
      res.end();
    } else {
      sendJson(res, result.status, result.body, result.headers, contentType);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let template = 'unmatched';
    try {
      applyCors(req, res, corsOrigins);
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      if (req.method === 'GET' && url.pathname === '/openapi.json') {
        sendJson(res, 200, contract);
        return;
      }
      const route = matchRoute(operations, req.method ?? 'GET', url.pathname);
      if (!route)
        throw HttpError.of(404, 'not-found', `Nothing is served at ${req.method} ${url.pathname.slice(0, 200)}.`);
      if ('allowed' in route) {
        throw new HttpError(405, [errorIssue('not-supported', `Use ${route.allowed.join(', ').toUpperCase()} here.`)], {
          Allow: route.allowed.join(', ').toUpperCase(),
        });
      }
      template = route.operation.path;
      if (route.operation.roles.includes('dev') && !adminEnabled) {
        throw HttpError.of(404, 'not-found', 'The admin API is switched off on this server.');
      }
      await dispatch(req, res, url, route.operation, route.pathParams);
    } catch (failure) {
      if (failure instanceof HttpError) {
        sendOutcome(res, failure.status, failure.outcome, failure.headers);
      } else {
        // Log the kind of failure, never the request: it may carry personal data.
        console.error(
          `[shifo-mock-server] ${template}: ${(failure as Error)?.name ?? 'Error'}: ${(failure as Error)?.message ?? ''}`,
        );
        sendOutcome(res, 500, operationOutcome([errorIssue('exception', 'The mock server failed unexpectedly.')]));
      }
    } finally {
      requestLog.push({
        at: now().toISOString(),
        method: req.method ?? '',
        operation: template,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
      if (requestLog.length > 1000) requestLog.splice(0, requestLog.length - 1000);
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    state,
    contract,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
