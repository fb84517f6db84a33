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
