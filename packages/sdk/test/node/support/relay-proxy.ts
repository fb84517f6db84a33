// A tiny HTTP relay between the SDK and the real mock server, standing in for the network and the proxies on it:
// it can cut every open connection (a dropped Wi-Fi, a load balancer restart) or answer some requests itself
// (a proxy that blocks or buffers Server-Sent Events).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RelayHit {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

/** Answers a request itself and returns true, or returns false to relay it to the target. */
export type RelayIntercept = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface Relay {
  url: string;
  /** Every request received, in order. */
  hits: RelayHit[];
  /** Destroys every open connection on both sides, mid-response included. */
  cutAll(): void;
  intercept: RelayIntercept | undefined;
  /** Requests being answered now (an open event stream counts until it closes). */
  activeRequests(): number;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const upstreamUrl = new URL(target);
  const sockets = new Set<Socket>();
  let active = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const relay: Relay = {
    url: '',
    hits: [],
    intercept: undefined,
    activeRequests: () => active,
    cutAll() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        relay.cutAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    relay.hits.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    active++;
    res.once('close', () => active--);
    if (relay.intercept?.(req, res)) return;
    const upstream = request(
      {
        hostname: upstreamUrl.hostname,
        port: upstreamUrl.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstreamUrl.host },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    upstream.once('socket', track);
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', track);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return relay;
}
