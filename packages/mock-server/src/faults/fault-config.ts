/** What can go wrong, as the contract's `FaultConfig` / `FaultRoute` schemas describe it. */
export interface FaultRule {
  /** Added delay before answering, in ms. */
  latencyMs?: number;
  /** Random extra delay, 0..jitterMs. */
  jitterMs?: number;
  /** Fraction of requests answered with `errorStatus` and an OperationOutcome. */
  errorRate?: number;
  /** Default 503. */
  errorStatus?: 500 | 502 | 503 | 504;
  /** The next N matching requests get 429 with `Retry-After`. */
  burst429?: number;
  /** Default 1. */
  retryAfterSeconds?: number;
  /** Fraction of requests whose connection is destroyed without a response. */
  dropRate?: number;
  /** Refuse every matching request at the socket, as if the central store were unreachable. */
  offline?: boolean;
}

export interface FaultRoute extends FaultRule {
  /** Path glob: `*` matches one segment, `**` any number (`/fhir/Patient/*`, `/queue/**`). */
  pattern: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
}

export interface FaultConfig extends FaultRule {
  /** Per-route rules; the first matching route wins over the global fields. */
  routes?: FaultRoute[];
}
