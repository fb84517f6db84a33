import {
  clear,
  createStore,
  delMany,
  entries,
  get,
  promisifyRequest,
  set,
  setMany,
  update,
  type UseStore,
} from 'idb-keyval';

/** A value as it lies in IndexedDB: AES-GCM ciphertext with its IV, plus fields that are safe in the clear. */
export interface SealedRecord<Clear = undefined> {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  clear: Clear;
}

interface StoredKeys {
  /** AES-GCM, non-extractable: encrypts every value. */
  seal: CryptoKey;
  /** HMAC-SHA-256, non-extractable: turns identifying keys (patient ids) into opaque ones. */
  blind: CryptoKey;
}

/** Where the keys live inside each store; every other key holds a sealed record. */
export const KEYS_ENTRY = '__keys';

async function generateKeys(): Promise<StoredKeys> {
  const [seal, blind] = await Promise.all([
    crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { seal, blind };
}

/**
 * An idb-keyval store whose values are encrypted with AES-GCM (a fresh 96-bit IV per value) under a
 * non-extractable key generated on first use and kept in the same store (CryptoKeys are structured-cloneable,
 * and a non-extractable one cannot be read out by script). The key never leaves WebCrypto.
 */
export class SealedStore {
  readonly raw: UseStore;
  private keys: Promise<StoredKeys> | undefined;

  constructor(readonly databaseName: string) {
    this.raw = createStore(databaseName, 'sealed');
  }

  /** The store's keys; two tabs racing to create them agree on one (the first write wins, atomically). */
  private keysOnce(): Promise<StoredKeys> {
    this.keys ??= (async () => {
      const existing = await get<StoredKeys>(KEYS_ENTRY, this.raw);
      if (existing) return existing;
      const candidate = await generateKeys();
      await update<StoredKeys>(KEYS_ENTRY, (current) => current ?? candidate, this.raw);
      const chosen = await get<StoredKeys>(KEYS_ENTRY, this.raw);
      if (!chosen) throw new Error('The offline store lost its key while it was being created.');
      return chosen;
    })();
    const keys = this.keys;
    keys.catch(() => {
      if (this.keys === keys) this.keys = undefined;
    });
    return keys;
  }

  /** An opaque, stable storage key for an identifying one (a patient id must not be readable in IndexedDB). */
  async blindKey(key: string): Promise<string> {
    const { blind } = await this.keysOnce();
    const mac = await crypto.subtle.sign('HMAC', blind, new TextEncoder().encode(key));
    return Array.from(new Uint8Array(mac).subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  async seal<Clear>(value: unknown, clearFields: Clear): Promise<SealedRecord<Clear>> {
    const { seal } = await this.keysOnce();
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const plaintext = new TextEncoder().encode(JSON.stringify(value));
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, seal, plaintext);
    return { iv, data, clear: clearFields };
  }

  async open<T>(record: SealedRecord<unknown>): Promise<T> {
    const { seal } = await this.keysOnce();
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv }, seal, record.data);
    return JSON.parse(new TextDecoder().decode(plaintext)) as T;
  }

  async put<Clear>(key: string, value: unknown, clearFields: Clear): Promise<void> {
    await set(key, await this.seal(value, clearFields), this.raw);
  }

  async putMany(items: readonly { key: string; value: unknown }[]): Promise<void> {
    if (items.length === 0) return;
    const sealed = await Promise.all(
      items.map(async ({ key, value }): Promise<[string, SealedRecord]> => [key, await this.seal(value, undefined)]),
    );
    await setMany(sealed, this.raw);
  }

  /** Writes `puts` (sealed) and deletes `deletes` in one IndexedDB transaction: all or nothing, one commit. */
  async commit(puts: readonly { key: string; value: unknown }[], deletes: readonly string[]): Promise<void> {
    if (puts.length === 0 && deletes.length === 0) return;
    const sealed = await Promise.all(
      puts.map(async ({ key, value }) => ({ key, record: await this.seal(value, undefined) })),
    );
    await this.raw('readwrite', (objectStore) => {
      for (const key of deletes) objectStore.delete(key);
      for (const { key, record } of sealed) objectStore.put(record, key);
      return promisifyRequest(objectStore.transaction);
    });
  }

  /** The decrypted value under `key`, or undefined (also when it cannot be decrypted: a stale key). */
  async get<T>(key: string): Promise<T | undefined> {
    const record = await get<SealedRecord<unknown>>(key, this.raw);
    if (!record) return undefined;
    try {
      return await this.open<T>(record);
    } catch {
      return undefined;
    }
  }

  /** Every sealed record (undecrypted), keys excluded. */
  async records<Clear>(): Promise<[string, SealedRecord<Clear>][]> {
    const all = await entries<string, SealedRecord<Clear>>(this.raw);
    return all.filter(([key, record]) => key !== KEYS_ENTRY && record !== undefined);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await delMany([...keys], this.raw);
  }

  /** Deletes the keys and every value: what was stored can no longer be read, even from a disk copy. */
  async wipe(): Promise<void> {
    this.keys = undefined;
    await clear(this.raw);
  }
}
