import { randomUUID } from 'node:crypto';
import { identifierCodes } from '../../../store/identifier-codes.js';
import { referenceTargets } from '../../../store/reference-targets.js';
import { ResourceStore, type NewResource, type StoredResource } from '../../../store/resource-store.js';

/**
 * A write-ahead view of a store for one transaction: reads see the real store plus what the transaction wrote
 * so far; writes stay here until `commit`. A transaction that fails is simply dropped — nothing reached the
 * real store, its journal or other requests. Everything runs synchronously, so no other request can write
 * between staging and committing, and the version ids staged are the ones the real store assigns on commit.
 */
export class StagedStore extends ResourceStore {
  private readonly staged = new Map<string, Map<string, StoredResource[]>>();
  private readonly writes: StoredResource[] = [];
  /** Staged writes per type, so `revision` moves when the transaction writes (derived caches key on it). */
  private readonly stagedWrites = new Map<string, number>();

  constructor(
    private readonly base: ResourceStore,
    private readonly clock: () => Date,
  ) {
    super(clock);
  }

  private stagedHistory(type: string, id: string): StoredResource[] | undefined {
    return this.staged.get(type)?.get(id);
  }

  override read(type: string, id: string): StoredResource | undefined {
    const staged = this.stagedHistory(type, id)?.at(-1);
    return staged ? structuredClone(staged) : this.base.read(type, id);
  }

  override readVersion(type: string, id: string, versionId: string): StoredResource | undefined {
    const staged = this.stagedHistory(type, id)?.find((version) => version.meta?.versionId === versionId);
    return staged ? structuredClone(staged) : this.base.readVersion(type, id, versionId);
  }

  override history(type: string, id: string): StoredResource[] {
    return [...this.base.history(type, id), ...structuredClone(this.stagedHistory(type, id) ?? [])];
  }

  override current(type: string, id: string): Readonly<StoredResource> | undefined {
    return this.stagedHistory(type, id)?.at(-1) ?? this.base.current(type, id);
  }

  override *referencing(type: string, target: string): Iterable<Readonly<StoredResource>> {
    yield* this.overlay(type, this.base.referencing(type, target), (version) => referenceTargets(version).has(target));
  }

  override withIdentifier(type: string, values: Iterable<string>): Readonly<StoredResource>[] {
    const wanted = new Set(values);
    const hits = [
      ...this.overlay(type, this.base.withIdentifier(type, wanted), (version) =>
        [...identifierCodes(version)].some((code) => wanted.has(code)),
      ),
    ];
    // An identifier the transaction gave a resource the real store holds: keep the order `all` gives.
    const fromBase = new Set(this.base.withIdentifier(type, wanted).map((resource) => resource.id));
    const moved = hits.some((hit) => !fromBase.has(hit.id) && this.base.current(type, hit.id));
    if (!moved) return hits;
    const ids = new Set(hits.map((hit) => hit.id));
    return [...this.all(type)].filter((resource) => ids.has(resource.id));
  }

  override revision(type: string): number {
    return this.base.revision(type) + (this.stagedWrites.get(type) ?? 0);
  }

  /**
   * What an index of the real store found (`fromBase`), with the transaction's versions in place of the stored ones,
   * then the resources only the transaction's versions make hits (`stagedHit`): the indexed lookups of a staged view.
   */
  private *overlay(
    type: string,
    fromBase: Iterable<Readonly<StoredResource>>,
    stagedHit: (version: Readonly<StoredResource>) => boolean,
  ): Iterable<Readonly<StoredResource>> {
    const ofType = this.staged.get(type);
    const seen = new Set<string>();
    for (const current of fromBase) {
      seen.add(current.id);
      yield ofType?.get(current.id)?.at(-1) ?? current;
    }
    for (const [id, history] of ofType ?? []) if (!seen.has(id) && history.some(stagedHit)) yield history.at(-1)!;
  }

  override *all(type: string): Iterable<Readonly<StoredResource>> {
    const ofType = this.staged.get(type);
    const seen = new Set<string>();
    for (const current of this.base.all(type)) {
      seen.add(current.id);
      yield ofType?.get(current.id)?.at(-1) ?? current;
    }
    for (const [id, history] of ofType ?? []) if (!seen.has(id)) yield history.at(-1)!;
  }

  override put(resource: NewResource): StoredResource {
    const id = resource.id ?? randomUUID();
    let ofType = this.staged.get(resource.resourceType);
    if (!ofType) this.staged.set(resource.resourceType, (ofType = new Map()));
    let history = ofType.get(id);
    if (!history) ofType.set(id, (history = []));
    const previous = history.at(-1) ?? this.base.read(resource.resourceType, id);
    const versionId = String(Number(previous?.meta?.versionId ?? 0) + 1);
    const stored = structuredClone({
      ...resource,
      id,
      meta: { ...resource.meta, versionId, lastUpdated: this.clock().toISOString() },
    }) as StoredResource;
    history.push(stored);
    this.writes.push(stored);
    this.stagedWrites.set(resource.resourceType, (this.stagedWrites.get(resource.resourceType) ?? 0) + 1);
    return structuredClone(stored);
  }

  override get size(): number {
    let added = 0;
    for (const [type, ofType] of this.staged) for (const id of ofType.keys()) if (!this.base.read(type, id)) added += 1;
    return this.base.size + added;
  }

  override *versions(): Iterable<Readonly<StoredResource>> {
    yield* this.base.versions();
    yield* this.writes;
  }

  override clear(): void {
    throw new Error('a staged transaction cannot clear the store');
  }

  override restore(): void {
    throw new Error('a staged transaction cannot restore versions');
  }

  override onWrite(): void {
    throw new Error('a staged transaction has no write listener of its own');
  }

  /**
   * Writes every staged version to the real store, in order, and returns them as stored there (the real store
   * assigns `lastUpdated` at commit), keyed by `Type/id/versionId`.
   */
  commit(): Map<string, StoredResource> {
    const committed = new Map<string, StoredResource>();
    for (const version of this.writes) {
      const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = version.meta ?? {};
      const stored = this.base.put({ ...version, meta });
      committed.set(`${stored.resourceType}/${stored.id}/${stored.meta?.versionId}`, stored);
    }
    this.writes.length = 0;
    this.staged.clear();
    this.stagedWrites.clear();
    return committed;
  }
}
