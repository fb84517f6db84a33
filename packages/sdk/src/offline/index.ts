export { createOutbox, type FlushResult, type Outbox, type OutboxEvents, type OutboxOptions } from './outbox.js';
export type {
  IntentFailure,
  IntentIdempotency,
  IntentState,
  NewWriteIntent,
  SentIntent,
  WriteIntent,
} from './intent.js';
export {
  createReachability,
  observeReachability,
  type Reachability,
  type ReachabilityEvents,
  type ReachabilityOptions,
} from './reachability.js';
export {
  createSummaryCache,
  type CachedSummary,
  type SummaryCache,
  type SummaryCacheOptions,
} from './summary-cache.js';
export type { OfflineNamespace } from './store-name.js';
export {
  offlineStorage,
  type OfflineConnection,
  type OfflineOptions,
  type OfflineParts,
  type OfflineSetup,
} from './offline-parts.js';
