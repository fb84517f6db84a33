import { randomUUID } from 'node:crypto';
import { identifierCodes } from './identifier-codes.js';
import { referenceTargets } from './reference-targets.js';

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
/** Told about every version before it becomes visible (persistence journals it; a throw cancels the write). */
export type WriteListener = (stored: Readonly<StoredResource>) => void;

export class ResourceStore {
  private readonly byType = new Map<string, Map<string, StoredResource[]>>();
  /** `type` + referenced `Target/id` → ids of resources of `type` any version of which refers to it. */
  private readonly referrers = new Map<string, Set<string>>();
  /** `type` + identifier value → ids of resources of `type` any version of which carried it. */
  private readonly identified = new Map<string, Set<string>>();
  /** `type` + id → the resource's place in its type's insertion order, to give indexed lookups the order of `all`. */
  private readonly positions = new Map<string, number>();
  /** Write sequence number of the last change per type; never reset, so a revision is never seen twice. */
  private readonly typeRevisions = new Map<string, number>();
  private writeSequence = 0;
  /** The sequence number of the last `clear()`: every type changed then. */
  private clearedAt = 0;
  private count = 0;
  private writeListener: WriteListener | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  read(type: string, id: string): StoredResource | undefined {
    const current = this.byType.get(type)?.get(id)?.at(-1);
    return current && structuredClone(current);
  }

  /**
   * The current version, not copied (like `all`): for access checks that only look. Use `read` to get a copy
   * to change or hand out.
   */
  current(type: string, id: string): Readonly<StoredResource> | undefined {
    return this.byType.get(type)?.get(id)?.at(-1);
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
   * The current version of each resource of `type` that refers (or once referred: check the current version) to
   * `target` (`Patient/123`) anywhere in it. Not copied, like `all`. Business rules use it instead of scanning a type.
   */
  *referencing(type: string, target: string): Iterable<Readonly<StoredResource>> {
    const ofType = this.byType.get(type);
    for (const id of this.referrers.get(`${type} ${target}`) ?? []) {
      const current = ofType?.get(id)?.at(-1);
      if (current) yield current;
    }
  }

  /**
   * The current version of each resource of `type` any version of which had an identifier with one of `values`
   * (`Identifier.value`, whatever the system), in the order `all` yields them. Not copied, like `all`. A candidate
   * list for `identifier` searches: the caller still checks the current version against the full token.
   */
  withIdentifier(type: string, values: Iterable<string>): Readonly<StoredResource>[] {
    const ids = new Set<string>();
    for (const value of values) for (const id of this.identified.get(`${type} ${value}`) ?? []) ids.add(id);
    const ofType = this.byType.get(type);
    const found: Readonly<StoredResource>[] = [];
    for (const id of ids) {
      const current = ofType?.get(id)?.at(-1);
      if (current) found.push(current);
    }
    if (found.length > 1) {
      const position = (resource: Readonly<StoredResource>) => this.positions.get(`${type} ${resource.id}`) ?? 0;
      found.sort((a, b) => position(a) - position(b));
    }
    return found;
  }

  /**
   * A number that changes whenever a resource of `type` is stored or restored, or the store is cleared: caches
   * derived from a type (e.g. which facilities treat whom) stay valid while it stays the same.
   */
  revision(type: string): number {
    return Math.max(this.typeRevisions.get(type) ?? 0, this.clearedAt);
  }

  /**
   * Stores a new version. The server assigns `meta.versionId` and `meta.lastUpdated` and nothing else:
   * a resource reads back exactly as it was written.
   */
  put(resource: NewResource): StoredResource {
    return structuredClone(this.store(resource));
  }

  /**
   * Stores many new versions, for seeding: like `put`, but the store takes the resources over instead of copying
   * them (the deep copies were most of the start-up time). The caller must not change them afterwards.
   */
  putAll(resources: Iterable<NewResource>): void {
    for (const resource of resources) this.store(resource, false);
  }

  /**
   * Puts back a version exactly as it was stored (id, versionId, lastUpdated kept), without telling the write
   * listener: for replaying a journal. The caller hands the object over and must not keep using it.
   */
  restore(version: StoredResource): void {
    let ofType = this.byType.get(version.resourceType);
    if (!ofType) this.byType.set(version.resourceType, (ofType = new Map()));
    this.append(ofType, version);
  }

  /** The resource types that hold at least one resource. */
  types(): string[] {
    return [...this.byType].filter(([, ofType]) => ofType.size > 0).map(([type]) => type);
  }

  /** Every version of every resource, oldest first per resource; not copied (do not mutate). For snapshots. */
  *versions(): Iterable<Readonly<StoredResource>> {
    for (const ofType of this.byType.values()) for (const history of ofType.values()) yield* history;
  }

  /** Sets (or with `undefined` removes) the one listener told about every `put`. */
  onWrite(listener: WriteListener | undefined): void {
    this.writeListener = listener;
  }

  /** Stores one version and returns the stored object itself (not a copy: callers must not hand it out). */
  private store(resource: NewResource, copy = true): StoredResource {
    const id = resource.id ?? randomUUID();
    let ofType = this.byType.get(resource.resourceType);
    if (!ofType) this.byType.set(resource.resourceType, (ofType = new Map()));
    const versions = ofType.get(id)?.length ?? 0;
    const version = {
      ...resource,
      id,
      meta: { ...resource.meta, versionId: String(versions + 1), lastUpdated: this.now().toISOString() },
    };
    const stored = (copy ? structuredClone(version) : version) as StoredResource;
    // Before the version is visible: if the journal cannot take it, the write fails and nothing changed.
    this.writeListener?.(stored);
    this.append(ofType, stored);
    return stored;
  }

  private append(ofType: Map<string, StoredResource[]>, stored: StoredResource): void {
    let history = ofType.get(stored.id);
    const type = stored.resourceType;
    if (!history) {
      ofType.set(stored.id, (history = []));
      this.positions.set(`${type} ${stored.id}`, ofType.size);
      this.count += 1;
    }
    history.push(stored);
    this.typeRevisions.set(type, ++this.writeSequence);
    for (const target of referenceTargets(stored)) addTo(this.referrers, `${type} ${target}`, stored.id);
    for (const value of identifierCodes(stored)) addTo(this.identified, `${type} ${value}`, stored.id);
  }

  clear(): void {
    this.byType.clear();
    this.referrers.clear();
    this.identified.clear();
    this.positions.clear();
    this.typeRevisions.clear();
    this.clearedAt = ++this.writeSequence;
    this.count = 0;
  }

  /** Number of distinct resources (not versions). */
  get size(): number {
    return this.count;
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}
