import type { SummaryCache } from './summary-cache.js';

/** A summary cache that can be wiped for good: after `wipeForGood()`, writes are dropped and reads find nothing. */
export interface ClosableCache<T> extends SummaryCache<T> {
  wipeForGood(): Promise<void>;
}

/**
 * Guards a cache against the sign-out race: a summary read that was under way when the user signed out must not
 * store that patient's record (under a fresh key) after the wipe. Writes in flight are awaited, then wiped.
 */
export function closableCache<T>(cache: SummaryCache<T>): ClosableCache<T> {
  let closed = false;
  const writing = new Set<Promise<unknown>>();
  return {
    put(patientId, summary) {
      if (closed) return Promise.resolve();
      const write = cache.put(patientId, summary);
      writing.add(write);
      const done = () => writing.delete(write);
      write.then(done, done);
      return write;
    },
    get: (patientId) => (closed ? Promise.resolve(undefined) : cache.get(patientId)),
    delete: (patientId) => cache.delete(patientId),
    wipe: () => cache.wipe(),
    async wipeForGood() {
      closed = true;
      await Promise.allSettled([...writing]);
      await cache.wipe();
    },
  };
}
