import type { OperationOutcome } from '../fhir/types.js';

/** What went wrong, in the terms a user interface needs to choose a message and an action. */
export type ShifoErrorKind =
  | 'network'
  | 'timeout'
  | 'offline'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'business-rule'
  | 'server';

export interface ShifoErrorInit {
  kind: ShifoErrorKind;
  status?: number;
  outcome?: OperationOutcome;
  retryable?: boolean;
  /** The `Content-Language` of the refusal: the language the outcome's texts are written in. */
  language?: string;
  cause?: unknown;
}

/** The code system of Shifo's error codes in `OperationOutcome.issue.details`. */
export const SHIFO_ERROR_SYSTEM = 'https://shifo.uz/fhir/CodeSystem/error';

/**
 * The one error type the SDK throws. `kind` separates "the network failed" from "the server refused";
 * `outcome` carries the server's OperationOutcome untouched; `retryable` says whether trying again can help.
 * For a message to show a user, see `describeError`.
 */
export class ShifoError extends Error {
  override readonly name = 'ShifoError';
  readonly kind: ShifoErrorKind;
  readonly status: number | undefined;
  readonly outcome: OperationOutcome | undefined;
  readonly retryable: boolean;
  readonly language: string | undefined;

  /**
   * Shifo's machine-readable reason (`consent-denied`, `service-closed`, `slot-unavailable`, ... — docs/contract.md §6),
   * from the first issue of the outcome that carries one; `undefined` for other servers' refusals.
   */
  get code(): string | undefined {
    for (const issue of this.outcome?.issue ?? []) {
      const coding = issue.details?.coding?.find((candidate) => candidate.system === SHIFO_ERROR_SYSTEM);
      if (coding?.code) return coding.code;
    }
    return undefined;
  }

  constructor(message: string, init: ShifoErrorInit) {
    super(message, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.outcome = init.outcome;
    this.retryable = init.retryable ?? false;
    this.language = init.language;
  }
}

export function isShifoError(value: unknown): value is ShifoError {
  return value instanceof ShifoError;
}
