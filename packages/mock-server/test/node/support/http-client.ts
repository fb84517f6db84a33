import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { RequestSpec } from './request-factory.js';

/** What the server answered. `json` is set when the body parses as JSON. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
  /** True when the server answered with an event stream (read up to its headers, then closed). */
  streamed: boolean;
}

const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends requests with `node:http`, which (unlike `fetch`) sends the path verbatim — `..`, `%2e%2e` and raw
 * bytes reach the server as written — and lets a test send any body bytes and content type.
 */
export class HttpClient {
  private readonly agent: Agent;

  /**
   * `keepAlive: false` opens a connection per request: for runs where the server blocks its event loop for
   * seconds (store resets), after which its keep-alive timer closes pooled sockets under waiting requests.
   */
  constructor(
    private readonly origin: URL,
    {
      maxSockets = 8,
      keepAlive = true,
      timeoutMs = 30_000,
    }: { maxSockets?: number; keepAlive?: boolean; timeoutMs?: number } = {},
  ) {
    this.agent = new Agent({ keepAlive, maxSockets });
    this.timeoutMs = timeoutMs;
  }

  private readonly timeoutMs: number;

  /**
   * Sends one request. A pooled keep-alive socket the server closed meanwhile fails with ECONNRESET before
   * the request is read; such a request is sent again (as Node's documentation advises), at most twice more.
   */
  async send(spec: RequestSpec): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(spec);
      } catch (error) {
        if (!(error as { reusedSocket?: boolean }).reusedSocket || attempt === 3) throw error;
      }
    }
  }

  private sendOnce(spec: RequestSpec): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const req = request(
        {
          host: this.origin.hostname,
          port: this.origin.port,
          method: spec.method,
          path: spec.target,
          headers:
            spec.body === undefined
              ? spec.headers
              : { ...spec.headers, 'Content-Length': Buffer.byteLength(spec.body) },
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if ((res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
            // A live stream never ends by itself: its status and headers are the answer.
            resolve({ status, headers: res.headers, text: '', json: undefined, streamed: true });
            res.destroy();
            req.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status, headers: res.headers, text, json: parseJson(text), streamed: false });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && error.code === 'ECONNRESET';
        reject(Object.assign(error, { reusedSocket: stale }));
      });
      if (spec.body !== undefined) req.write(spec.body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Writes raw bytes to the server and parses the first response, for what no HTTP client will send: header
 * values with control or non-Latin-1 bytes, broken request lines, oversized headers. The request should ask
 * for `Connection: close`; the answer ends when the server closes the socket or after `timeoutMs`.
 */
export function rawExchange(origin: URL, bytes: Buffer, timeoutMs = 10_000): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const socket = connect({ host: origin.hostname, port: Number(origin.port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset the socket after answering a request it refused to read to the end.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const data = Buffer.concat(chunks);
      const split = data.indexOf('\r\n\r\n');
      if (split < 0) {
        reject(new Error(data.length ? `unparseable answer: ${data.toString('latin1').slice(0, 80)}` : 'no answer'));
        return;
      }
      const [statusLine = '', ...headerLines] = data.subarray(0, split).toString('latin1').split('\r\n');
      const headers: IncomingHttpHeaders = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body = data.subarray(split + 4);
      const length = Number(headers['content-length']);
      if (Number.isFinite(length)) body = body.subarray(0, length);
      const text = body.toString('utf8');
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        text,
        json: parseJson(text),
        streamed: false,
      });
    });
  });
}
