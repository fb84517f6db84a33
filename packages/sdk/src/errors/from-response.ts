import type { OperationOutcome } from '../fhir/types.js';
import { ShifoError, type ShifoErrorKind } from './shifo-error.js';

const kindByStatus: Record<number, ShifoErrorKind> = {
  400: 'invalid',
  408: 'timeout',
  401: 'auth',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  410: 'not-found',
  412: 'conflict',
  422: 'business-rule',
};

/** Statuses after which the same request may succeed later (the transport retries the safe ones itself). */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

function asOperationOutcome(body: unknown): OperationOutcome | undefined {
  if (
    typeof body === 'object' &&
    body !== null &&
    (body as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  ) {
    return body as OperationOutcome;
  }
  return undefined;
}

/** The first human-readable text in an OperationOutcome, for logs and as a fallback message. */
export function outcomeText(outcome: OperationOutcome | undefined): string | undefined {
  for (const issue of outcome?.issue ?? []) {
    const text = issue.details?.text ?? issue.diagnostics;
    if (text) return text;
  }
  return undefined;
}

/** Turns a refused HTTP response (and its parsed body, if any) into a ShifoError. */
export function errorFromResponse(response: Response, body: unknown): ShifoError {
  const outcome = asOperationOutcome(body);
  const status = response.status;
  let kind = kindByStatus[status] ?? (status >= 500 || status === 429 ? 'server' : 'invalid');
  // A 422 that is not a business rule is a validation failure (DHP answers profile violations with 422).
  if (status === 422 && outcome && !outcome.issue.some((issue) => issue.code === 'business-rule')) kind = 'invalid';
  const message = outcomeText(outcome) ?? `${status} ${response.statusText}`.trim();
  return new ShifoError(message, {
    kind,
    status,
    outcome,
    retryable: retryableStatuses.has(status),
    language: response.headers.get('Content-Language') ?? undefined,
  });
}

/** Turns a thrown fetch failure into a ShifoError; an abort by the caller is passed through unchanged. */
export function errorFromFailure(failure: unknown): unknown {
  if (failure instanceof ShifoError) return failure;
  if (failure instanceof DOMException && failure.name === 'AbortError') return failure;
  if (failure instanceof DOMException && failure.name === 'TimeoutError') {
    return new ShifoError('The server did not answer in time.', { kind: 'timeout', retryable: true, cause: failure });
  }
  return new ShifoError('The server could not be reached.', { kind: 'network', retryable: true, cause: failure });
}
