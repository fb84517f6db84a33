import type { Handler } from '../handler.js';

/**
 * `GET /__admin/requests`: recent requests, newest first, by route template — no ids, tokens, query values or
 * bodies — so tests can assert that no PINFL ever appeared in a URL. `since` returns only later entries.
 */
export const listRequests: Handler = (context) => {
  const { limit = 100, since } = context.params as { limit?: number; since?: string };
  // Ids are `r-<sequence>`: "after" holds even when the entry itself has left the log.
  const after = since === undefined ? 0 : Number(/^r-(\d+)$/.exec(since)?.[1] ?? 0);
  const entries = context.state.requestLog
    .filter((entry) => Number(entry.id.slice(2)) > after)
    .reverse()
    .slice(0, limit);
  return { status: 200, body: { requests: entries } };
};
