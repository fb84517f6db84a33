import { operationOutcome, SHIFO_ERROR_SYSTEM, type OperationOutcome } from '../http/outcome.js';

/**
 * The body of an injected 429 or 5xx: an OperationOutcome like a real refusal, with `fault-injected` beside the
 * usual Shifo code, so a test can tell an injected failure from a real one.
 */
export function injectedFailure(kind: 'throttle' | 'error', status: number): OperationOutcome {
  const throttled = kind === 'throttle';
  const text = throttled
    ? 'Too many requests (injected by /__admin/faults): retry after the Retry-After delay.'
    : `The central store failed with ${status} (injected by /__admin/faults): retry later.`;
  return operationOutcome([
    {
      severity: 'error',
      code: throttled ? 'throttled' : 'transient',
      diagnostics: text,
      details: {
        coding: [
          { system: SHIFO_ERROR_SYSTEM, code: throttled ? 'rate-limited' : 'server-error' },
          { system: SHIFO_ERROR_SYSTEM, code: 'fault-injected' },
        ],
        text,
      },
    },
  ]);
}
