import type { OperationOutcome } from '../fhir/types.js';
import type { ShifoErrorKind } from '../errors/shifo-error.js';

/** Where an intent is in its life. Sent intents are removed from the store. */
export type IntentState = 'pending' | 'sending' | 'failed';

/** How a replay of the same intent is recognised by the server, so it is applied once however often it is sent. */
export interface IntentIdempotency {
  /** FHIR creates: the value of the resource's `urn:shifo:request-id` identifier (a UUID). */
  identifier?: string;
  /** Queue and feedback writes: the `Idempotency-Key` header. */
  key?: string;
}

/** Why the server refused an intent, kept (encrypted) with it until the user resolves it. */
export interface IntentFailure {
  kind: ShifoErrorKind;
  status?: number;
  message: string;
  outcome?: OperationOutcome;
}

/** A write to make when the central store can be reached: what the caller asked for, and how it went so far. */
export interface WriteIntent {
  id: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A contract path relative to the server root, e.g. `/fhir/Observation` or `/queue/services/svc-ter/tickets`. */
  path: string;
  /** Query parameters. */
  params?: Record<string, string>;
  /** Extra headers (e.g. `If-Match` for an update). */
  headers?: Record<string, string>;
  body: unknown;
  idempotency: IntentIdempotency;
  /** Intents that must have been sent before this one is. */
  dependsOn?: string[];
  /** Epoch ms; with `sequence`, the replay order. */
  createdAt: number;
  sequence: number;
  attempts: number;
  state: IntentState;
  failure?: IntentFailure;
}

/** What a caller gives `enqueue`; the outbox fills in identity, order and state. */
export interface NewWriteIntent {
  id?: string;
  method: WriteIntent['method'];
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  idempotency?: IntentIdempotency;
  dependsOn?: string[];
}

/** What the server answered to a sent intent. */
export interface SentIntent {
  intent: WriteIntent;
  status: number;
  /** The response body (the created resource, the ticket, ...), parsed as JSON when it is JSON. */
  body: unknown;
  /** True when the server already had it (a replay answered from the original or found by search). */
  replayed: boolean;
}
