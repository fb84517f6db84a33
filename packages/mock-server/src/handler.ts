import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from './auth/principal.js';
import type { ServerState } from './state.js';

export interface HandlerContext {
  req: IncomingMessage;
  /** For streaming handlers (Server-Sent Events) only; others return a HandlerResult. */
  res: ServerResponse;
  /** The contract's operationId. */
  operationId: string;
  /** Path, query and header parameters, validated and coerced by the contract. */
  params: Record<string, unknown>;
  /** The request body, validated by the contract. */
  body: unknown;
  /** The caller; absent only on `public` and `dev` operations. */
  principal: Principal | undefined;
  state: ServerState;
  /** `http://host:port` as the client addressed the server, for absolute URLs in Bundles. */
  origin: string;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to FHIR JSON under `/fhir`, JSON elsewhere. */
  contentType?: string;
}

/** A handler that wrote the response itself (an event stream) returns this instead. */
export const STREAMED = { streamed: true } as const;

export type Handler = (
  context: HandlerContext,
) => HandlerResult | typeof STREAMED | Promise<HandlerResult | typeof STREAMED>;

/** The principal of an authenticated operation (the router guarantees one). */
export function caller(context: HandlerContext): Principal {
  if (!context.principal) throw new Error('handler of a public operation asked for its caller');
  return context.principal;
}
