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
 * The central record store: every version of every resource, in memory. Nothing is ever physically deleted
 * (DHP retires records by status), so history stays readable.
 */
export class ResourceStore {
  private readonly versions = new Map<string, StoredResource[]>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private key(type: string, id: string): string {
    return `${type}/${id}`;
  }

  read(type: string, id: string): StoredResource | undefined {
    return this.versions.get(this.key(type, id))?.at(-1);
  }

  /** All current resources of one type, in insertion order. */
  *all(type: string): Iterable<StoredResource> {
    const prefix = `${type}/`;
    for (const [key, history] of this.versions) if (key.startsWith(prefix)) yield history.at(-1)!;
  }

  /**
   * Stores a new version. The server assigns `meta.versionId` and `meta.lastUpdated` and nothing else:
   * a resource reads back exactly as it was written.
   */
  put(resource: NewResource): StoredResource {
    const id = resource.id ?? randomUUID();
    const key = this.key(resource.resourceType, id);
    const history = this.versions.get(key) ?? [];
    const stored = structuredClone({
      ...resource,
      id,
      meta: { ...resource.meta, versionId: String(history.length + 1), lastUpdated: this.now().toISOString() },
    }) as StoredResource;
    history.push(stored);
    this.versions.set(key, history);
    return structuredClone(stored);
  }

  clear(): void {
    this.versions.clear();
  }

  get size(): number {
    return this.versions.size;
  }
}
