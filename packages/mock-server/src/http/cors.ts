import type { IncomingMessage, ServerResponse } from 'node:http';

const allowHeaders =
  'Authorization, Content-Type, Accept, Accept-Language, If-Match, If-None-Exist, Idempotency-Key, Last-Event-ID, Prefer';
const exposeHeaders =
  'ETag, Location, Last-Modified, Retry-After, Content-Location, Content-Language, Idempotent-Replayed';

/**
 * CORS for browser clients on other origins (the demo page, test runners). Tokens travel in the
 * Authorization header, never in cookies, so no credentials mode is ever allowed.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: string[]): void {
  const origin = req.headers.origin;
  if (!origin) return;
  if (!allowedOrigins.includes('*') && !allowedOrigins.includes(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', allowedOrigins.includes('*') ? '*' : origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', exposeHeaders);
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', allowHeaders);
    res.setHeader('Access-Control-Max-Age', '600');
  }
}
