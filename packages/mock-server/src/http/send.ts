import type { ServerResponse } from 'node:http';
import type { OperationOutcome } from './outcome.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = JSON_TYPE,
): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendOutcome(
  res: ServerResponse,
  status: number,
  outcome: OperationOutcome,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, outcome, headers, FHIR_JSON);
}
