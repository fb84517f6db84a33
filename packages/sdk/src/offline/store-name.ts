/** Whose data a store holds: one outbox and one cache per tenant (facility, HIS) and signed-in user. */
export interface OfflineNamespace {
  tenant: string;
  user: string;
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The IndexedDB database name for one kind of data of one namespace. The tenant and user are hashed so the
 * database list (visible in devtools and to other scripts of the origin) does not name the user.
 */
export async function storeNameFor(kind: 'outbox' | 'cache', namespace: OfflineNamespace): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${namespace.tenant}\n${namespace.user}`),
  );
  return `shifo-${kind}-${hex(digest).slice(0, 24)}`;
}

/** The outbox and the cache live in IndexedDB: refuse clearly where there is none (Node, some private modes). */
export function assertIndexedDb(what: string): void {
  if (typeof indexedDB === 'undefined') {
    throw new Error(`${what} needs IndexedDB, which this environment does not have (it is for browsers).`);
  }
}
