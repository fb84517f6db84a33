import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, isOpen } from './auth/authenticate.js';
import { OAuthError } from './auth/oauth-error.js';
import { oauthErrorResponse } from './auth/oauth-error-response.js';
import { oauthRequestError, speaksOAuth } from './auth/oauth-request-error.js';
import type { Principal } from './auth/principal.js';
import { scopeRequirements } from './auth/scope-requirements.js';
import { TokenStore } from './auth/token-store.js';
import { loadContract, type OpenApiDocument } from './contract/load-contract.js';
import { listOperations, matchRoute, type Operation, type RouteResult } from './contract/operations.js';
import { ContractValidator } from './contract/validator.js';
import type { FaultConfig } from './faults/fault-config.js';
import { FaultInjector, type FaultKind } from './faults/fault-injector.js';
import { injectedFailure } from './faults/injected-failure.js';
import type { HandlerResult } from './handler.js';
import { handlers } from './handlers.js';
import { applyCors } from './http/cors.js';
import { HttpError } from './http/http-error.js';
import { errorIssue, operationOutcome } from './http/outcome.js';
import { readBody, type ParsedBody } from './http/read-body.js';
import { FHIR_JSON, JSON_TYPE, sendJson, sendOutcome } from './http/send.js';
import { openDataFile } from './persistence/data-file.js';
import type { Journal } from './persistence/journal.js';
import { loadSeed, type LoadedSeed } from './seed-state.js';
import type { SeedKind } from './seed/index.js';
import type { ServerState } from './state.js';
import { ResourceStore } from './store/resource-store.js';

export interface MockServerOptions {
  /** 0 picks a free port (for test suites). Default 4010. */
  port?: number;
  host?: string;
  seed?: SeedKind;
  /** Lifetime of issued access tokens, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** The dev-only `/__admin` API; on unless switched off. */
  admin?: boolean;
  /** Origins allowed by CORS; `['*']` by default, since tokens never travel in cookies. */
  corsOrigins?: string[];
  /**
   * Keep the state in this file (a journal, fsynced before each write is answered) instead of in memory only.
   * An existing file is read back and its seed wins over `seed`.
   */
  dataFile?: string;
  /** Faults active from the start (and after `POST /__admin/reset`), as `PUT /__admin/faults` takes them. */
  faults?: FaultConfig;
  /** The clock; tests pin it. */
  now?: () => Date;
  /**
   * Queues take tickets at any hour (a demo shown at night or on a Sunday); by default they keep their schedules'
   * hours and answer 422 `service-closed` outside them.
   */
  queuesAlwaysOpen?: boolean;
}

export interface RunningMockServer {
  /** `http://host:port`, no trailing slash. */
  url: string;
  port: number;
  state: ServerState;
  contract: OpenApiDocument;
  close(): Promise<void>;
}

/** What the request log learns about a request while it is handled. */
interface RequestTrace {
  route: string;
  operationId?: string;
  principal?: Principal;
  fault: FaultKind | null;
  replayed?: boolean;
  dropped?: boolean;
}

const REQUEST_LOG_SIZE = 1000;

/**
 * Requests Node's HTTP parser refuses before any handler sees them (oversized headers, broken framing, bytes a URL
 * may not hold) still get an OperationOutcome, then the connection closes.
 */
function answerParserError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const text =
    status === 431
      ? 'The request line or headers are too large.'
      : status === 408
        ? 'The request took too long to arrive.'
        : 'The request is not valid HTTP/1.1 (framing, header or URL bytes).';
  const code = status === 431 ? 'too-long' : status === 408 ? 'transient' : 'structure';
  const body = JSON.stringify(operationOutcome([errorIssue(code, text)]));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${FHIR_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

function isAdminPath(pathname: string): boolean {
  return pathname === '/__admin' || pathname.startsWith('/__admin/');
}

/** Sends a handler's result: JSON (FHIR JSON under /fhir), or text as is (the sign-in page). */
function sendResult(res: ServerResponse, result: HandlerResult, defaultType: string): void {
  const contentType = result.contentType ?? defaultType;
  if (result.body === undefined) {
    res.writeHead(result.status, result.headers);
    res.end();
  } else if (typeof result.body === 'string' && !contentType.includes('json')) {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(result.status, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(result.body),
      ...result.headers,
    });
    res.end(result.body);
  } else {
    sendJson(res, result.status, result.body, result.headers, contentType);
  }
}

function createState(options: MockServerOptions, now: () => Date): ServerState {
  const store = new ResourceStore(now);
  let seedKind = options.seed ?? 'demo';
  let loaded: LoadedSeed;
  let journal: Journal | undefined;
  if (options.dataFile) {
    const opened = openDataFile(options.dataFile, store, seedKind, now());
    ({ loaded, journal, seedKind } = opened);
  } else {
    loaded = loadSeed(store, seedKind, now());
  }
  const tokens = new TokenStore(options.tokenTtlSeconds ?? 3600, () => now().getTime());
  const faults = new FaultInjector(options.faults ?? {});
  const queuesAlwaysOpen = options.queuesAlwaysOpen === true;
  return {
    store,
    tokens,
    seedKind,
    now,
    queuesAlwaysOpen,
    requestLog: [],
    faults,
    ...(journal ? { journal } : {}),
    ...loaded,
  };
}

export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const now = options.now ?? (() => new Date());
  const contract = loadContract();
  const operations = listOperations(contract);
  const validator = new ContractValidator(contract);
  const requirements = scopeRequirements(contract);
  const state = createState(options, now);
  const { requestLog, tokens } = state;
  const adminEnabled = options.admin ?? true;
  const corsOrigins = options.corsOrigins ?? ['*'];
  let requestCount = 0;

  async function dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    operation: Operation,
    pathParams: Record<string, string>,
    trace: RequestTrace,
  ) {
    const principal = isOpen(operation) ? undefined : authenticate(req, operation, tokens, requirements);
    if (principal) trace.principal = principal;
    const oauth = speaksOAuth(operation.operationId);
    let body: ParsedBody;
    try {
      body = await readBody(req);
    } catch (failure) {
      if (oauth && failure instanceof HttpError) throw new OAuthError(400, 'invalid_request', failure.message);
      throw failure;
    }
    const validation = validator.validateRequest(operation, {
      pathParams,
      query: queryOf(url),
      headers: req.headers,
      body,
      contentType: req.headers['content-type'] ?? '',
    });
    if (!validation.value) {
      if (oauth) {
        throw oauthRequestError(
          operation.operationId,
          // OAuth forbids repeated parameters; joined, they fail the checks in a readable way.
          body.kind === 'form'
            ? Object.fromEntries(Object.entries(body.value).map(([k, v]) => [k, ([] as string[]).concat(v).join(',')]))
            : undefined,
          validation.issues,
        );
      }
      throw new HttpError(400, validation.issues);
    }
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
    if (result.headers?.['Idempotent-Replayed'] === 'true') trace.replayed = true;
    sendResult(res, result, operation.path.startsWith('/fhir') ? FHIR_JSON : JSON_TYPE);
  }

  /**
   * Injected faults, before anything else happens to the request. Returns true when the request was answered
   * (or cut off) by a fault. `/__admin` is never faulted: a test must always be able to switch faults off.
   */
  async function injectFault(req: IncomingMessage, res: ServerResponse, url: URL, trace: RequestTrace) {
    if (isAdminPath(url.pathname)) return false;
    const plan = state.faults.plan(req.method ?? 'GET', url.pathname);
    if (!plan) return false;
    trace.fault = plan.ending?.kind ?? 'latency';
    if (plan.delayMs > 0) await sleep(plan.delayMs, undefined, { ref: false });
    const ending = plan.ending;
    if (!ending) return false;
    if (ending.kind === 'offline' || ending.kind === 'drop') {
      trace.dropped = true;
      req.socket.destroy();
    } else if (ending.kind === 'throttle') {
      sendOutcome(res, 429, injectedFailure('throttle', 429), { 'Retry-After': String(ending.retryAfterSeconds) });
    } else {
      sendOutcome(res, ending.status, injectedFailure('error', ending.status));
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const at = now().toISOString();
    const trace: RequestTrace = { route: '(unmatched)', fault: null };
    try {
      applyCors(req, res, corsOrigins);
      const url = new URL(req.url ?? '/', 'http://mock.invalid');
      const route: RouteResult = matchRoute(operations, req.method ?? 'GET', url.pathname);
      if (route && 'operation' in route) {
        trace.route = route.operation.path;
        trace.operationId = route.operation.operationId;
      } else if (url.pathname === '/openapi.json') {
        trace.route = '/openapi.json';
      }
      if (await injectFault(req, res, url, trace)) return;
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
      if (req.method === 'GET' && url.pathname === '/openapi.json') {
        sendJson(res, 200, contract);
        return;
      }
      if (!route)
        throw HttpError.of(404, 'not-found', `Nothing is served at ${req.method} ${url.pathname.slice(0, 200)}.`);
      if ('allowed' in route) {
        throw new HttpError(405, [errorIssue('not-supported', `Use ${route.allowed.join(', ').toUpperCase()} here.`)], {
          Allow: route.allowed.join(', ').toUpperCase(),
        });
      }
      if (route.operation.roles.includes('dev') && !adminEnabled) {
        throw HttpError.of(404, 'not-found', 'The admin API is switched off on this server.');
      }
      await dispatch(req, res, url, route.operation, route.pathParams, trace);
    } catch (failure) {
      if (failure instanceof OAuthError) {
        sendResult(res, oauthErrorResponse(failure, trace.operationId ?? '', req), JSON_TYPE);
      } else if (failure instanceof HttpError) {
        // An oversized body is left unread: close the connection after answering, so the client's next request
        // goes on a fresh one instead of waiting behind megabytes nobody reads.
        const headers = failure.status === 413 ? { ...failure.headers, Connection: 'close' } : failure.headers;
        sendOutcome(res, failure.status, failure.outcome, headers);
      } else if (req.destroyed || res.destroyed) {
        // The client went away mid-request (an aborted search, a closed tab): nobody to answer, nothing to report.
        trace.dropped = true;
      } else {
        // Log the kind of failure, never the request: it may carry personal data.
        console.error(
          `[shifo-mock-server] ${trace.route}: ${(failure as Error)?.name ?? 'Error'}: ${(failure as Error)?.message ?? ''}`,
        );
        sendOutcome(res, 500, operationOutcome([errorIssue('exception', 'The mock server failed unexpectedly.')]));
      }
    } finally {
      requestCount += 1;
      requestLog.push({
        id: `r-${requestCount}`,
        at,
        method: req.method ?? '',
        route: trace.route,
        ...(trace.operationId ? { operationId: trace.operationId } : {}),
        status: trace.dropped ? 0 : res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(trace.principal ? { role: trace.principal.role, user: trace.principal.id } : {}),
        fault: trace.fault,
        ...(trace.replayed ? { idempotentReplay: true } : {}),
      });
      if (requestLog.length > REQUEST_LOG_SIZE) requestLog.splice(0, requestLog.length - REQUEST_LOG_SIZE);
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  server.on('clientError', answerParserError);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (failure) {
    state.journal?.close();
    throw failure;
  }
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
        server.close((error) => {
          state.store.onWrite(undefined);
          state.journal?.close();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
