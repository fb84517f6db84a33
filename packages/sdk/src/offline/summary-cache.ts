import { update } from 'idb-keyval';
import type { SealedRecord } from './sealed-store.js';
import { SealedStore } from './sealed-store.js';
import { assertIndexedDb, storeNameFor, type OfflineNamespace } from './store-name.js';

export interface SummaryCacheOptions extends OfflineNamespace {
  /** Patients kept; the least recently used go first (default 50). */
  maxEntries?: number;
  /** The clock (tests). */
  now?: () => number;
}

/** A cached summary and how old it is, so the UI can say "as of 25 minutes ago". */
export interface CachedSummary<T> {
  value: T;
  /** Epoch ms when it was stored. */
  storedAt: number;
  ageMs: number;
}

export interface SummaryCache<T = unknown> {
  put(patientId: string, summary: T): Promise<void>;
  get(patientId: string): Promise<CachedSummary<T> | undefined>;
  delete(patientId: string): Promise<void>;
  /** Deletes the key and every entry (sign-out). */
  wipe(): Promise<void>;
}

/** Stored next to the ciphertext: only when the entry was last used, for eviction. */
interface EntryClear {
  usedAt: number;
}

interface Entry<T> {
  value: T;
  storedAt: number;
}

/**
 * The last-seen summary of each recently opened patient, for showing (marked stale) while the central store
 * cannot be reached. Entries are encrypted like the outbox, and stored under an HMAC of the patient id, so
 * IndexedDB does not reveal whose records are on this machine.
 */
export function createSummaryCache<T = unknown>(options: SummaryCacheOptions): SummaryCache<T> {
  assertIndexedDb('The summary cache');
  const maxEntries = options.maxEntries ?? 50;
  const now = options.now ?? Date.now;
  const storeReady = storeNameFor('cache', options).then((name) => new SealedStore(name));

  async function evict(store: SealedStore): Promise<void> {
    const records = await store.records<EntryClear>();
    if (records.length <= maxEntries) return;
    const oldestFirst = records.sort(([, a], [, b]) => (a.clear?.usedAt ?? 0) - (b.clear?.usedAt ?? 0));
    await store.delete(oldestFirst.slice(0, records.length - maxEntries).map(([key]) => key));
  }

  return {
    async put(patientId, summary) {
      const store = await storeReady;
      const key = await store.blindKey(patientId);
      const at = now();
      await store.put<EntryClear>(key, { value: summary, storedAt: at } satisfies Entry<T>, { usedAt: at });
      await evict(store);
    },

    async get(patientId) {
      const store = await storeReady;
      const key = await store.blindKey(patientId);
      const entry = await store.get<Entry<T>>(key);
      if (!entry) return undefined;
      const at = now();
      // Touch for LRU without re-encrypting: only the clear `usedAt` changes.
      await update<SealedRecord<EntryClear> | undefined>(
        key,
        (record) => (record ? { ...record, clear: { usedAt: at } } : record),
        store.raw,
      );
      return { value: entry.value, storedAt: entry.storedAt, ageMs: Math.max(0, at - entry.storedAt) };
    },

    async delete(patientId) {
      const store = await storeReady;
      await store.delete([await store.blindKey(patientId)]);
    },

    async wipe() {
      await (await storeReady).wipe();
    },
  };
}
