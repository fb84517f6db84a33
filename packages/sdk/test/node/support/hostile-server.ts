// A small HTTP server that misbehaves on purpose, for the transport and auth tests: each route is a script
// that sees how often it has been hit and may answer slowly, fail, throttle or drop the connection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** 1 for the first request to this route, 2 for the second, … */
  count: number;
  body: string;
}

export type Route = (context: RouteContext) => void | Promise<void>;

export interface HostileServer {
  url: string;
  /** Every request received, in order. */
  hits: Hit[];
  /** How many requests reached `path` (the path without its query). */
  count(path: string): number;
  close(): Promise<void>;
}

/** Answers JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** An OperationOutcome error, as the Shifo server sends it. */
export function outcome(res: ServerResponse, status: number, code: string, text: string, headers = {}): void {
  json(
    res,
    status,
    { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] },
    {
      'Content-Type': 'application/fhir+json',
      ...headers,
    },
  );
}

/** Starts the server on 127.0.0.1 and a free port. A path without its own route goes to `'*'`, else 404. */
export async function startHostileServer(routes: Record<string, Route>): Promise<HostileServer> {
  const hits: Hit[] = [];
  const counts = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    const route = routes[path] ?? routes['*'];
    if (!route) return outcome(res, 404, 'not-found', 'No such route.');
    try {
      await route({ req, res, count, body });
    } catch {
      if (!res.headersSent) outcome(res, 500, 'exception', 'The test route failed.');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    count: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends the headers and part of a body, then destroys the socket: a connection reset mid-response. */
export function resetMidResponse(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/fhir+json', 'Content-Length': '1000' });
  res.write('{"resourceType":"Pati');
  setTimeout(() => res.socket?.destroy(), 10);
}

/** Never answers (until the test closes the server). */
export function hang(): Promise<void> {
  return new Promise(() => undefined);
}
