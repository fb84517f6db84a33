import { randomUUID } from 'node:crypto';

/** A FHIR resource as stored: any JSON object with a type and an id. */
export interface StoredResource {
  resourceType: string;
  id: string;
  meta?: { versionId?: string; lastUpdated?: string; profile?: string[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** A resource to store; without an id, the store assigns a UUID. */
export type NewResource = { resourceType: string; id?: string; meta?: StoredResource['meta']; [key: string]: unknown };

/**
 * The central record store: every version of every resource, in memory, indexed by type. Nothing is ever
 * physically deleted (DHP retires records by status), so history stays readable.
 *
 * Shifo's own records that are not FHIR (queue tickets, feedback links, idempotency replays) live here too, under
 * types starting with `x-` (e.g. `x-QueueTicket`), so that reset and persistence treat all state alike.
 */
export class ResourceStore {
  private readonly byType = new Map<string, Map<string, StoredResource[]>>();
  private count = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  read(type: string, id: string): StoredResource | undefined {
    const current = this.byType.get(type)?.get(id)?.at(-1);
    return current && structuredClone(current);
  }

  /** One version (`_history/{vid}`), or undefined. */
  readVersion(type: string, id: string, versionId: string): StoredResource | undefined {
    const version = this.byType
      .get(type)
      ?.get(id)
      ?.find((v) => v.meta?.versionId === versionId);
    return version && structuredClone(version);
  }

  /** Every version of one resource, oldest first. */
  history(type: string, id: string): StoredResource[] {
    return structuredClone(this.byType.get(type)?.get(id) ?? []);
  }

  /**
   * The current version of every resource of one type, in insertion order. Not copied, for fast searches:
   * callers must not mutate what they get (copy before changing, or use `read`).
   */
  *all(type: string): Iterable<Readonly<StoredResource>> {
    for (const history of this.byType.get(type)?.values() ?? []) yield history.at(-1)!;
  }

  /**
   * Stores a new version. The server assigns `meta.versionId` and `meta.lastUpdated` and nothing else:
   * a resource reads back exactly as it was written.
   */
  put(resource: NewResource): StoredResource {
    const id = resource.id ?? randomUUID();
    let ofType = this.byType.get(resource.resourceType);
    if (!ofType) this.byType.set(resource.resourceType, (ofType = new Map()));
    const history = ofType.get(id) ?? [];
    const stored = structuredClone({
      ...resource,
      id,
      meta: { ...resource.meta, versionId: String(history.length + 1), lastUpdated: this.now().toISOString() },
    }) as StoredResource;
    if (history.length === 0) {
      ofType.set(id, history);
      this.count += 1;
    }
    history.push(stored);
    return structuredClone(stored);
  }

  clear(): void {
    this.byType.clear();
    this.count = 0;
  }

  /** Number of distinct resources (not versions). */
  get size(): number {
    return this.count;
  }
}
