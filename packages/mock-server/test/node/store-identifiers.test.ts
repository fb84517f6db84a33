import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceStore } from '../../src/store/resource-store.js';

const REQUEST_ID = 'urn:shifo:request-id';

describe('ResourceStore.withIdentifier', () => {
  it('finds the resources of a type carrying an identifier value, whatever its system, in insertion order', () => {
    const store = new ResourceStore();
    store.put({ resourceType: 'Observation', id: 'o1', identifier: [{ system: REQUEST_ID, value: 'r-1' }] });
    store.put({ resourceType: 'Observation', id: 'o2', identifier: [{ system: 'urn:other', value: 'r-2' }] });
    store.put({ resourceType: 'Observation', id: 'o3', identifier: [{ system: 'urn:other', value: 'r-1' }] });
    store.put({ resourceType: 'Condition', id: 'c1', identifier: [{ system: REQUEST_ID, value: 'r-1' }] });
    // A single Identifier (not an array), as some types carry one.
    store.put({ resourceType: 'Observation', id: 'o4', identifier: { system: REQUEST_ID, value: 'r-4' } });
    assert.deepEqual(
      store.withIdentifier('Observation', ['r-1']).map((r) => r.id),
      ['o1', 'o3'],
    );
    assert.deepEqual(
      store.withIdentifier('Observation', ['r-4', 'r-2', 'r-1']).map((r) => r.id),
      ['o1', 'o2', 'o3', 'o4'],
    );
    assert.deepEqual(store.withIdentifier('Observation', ['nobody']), []);
    assert.deepEqual(
      store.withIdentifier('Condition', ['r-1']).map((r) => r.id),
      ['c1'],
    );
  });

  it('yields the current version, also of a resource whose identifier an update removed, and forgets all on clear()', () => {
    const store = new ResourceStore();
    store.put({ resourceType: 'Patient', id: 'p1', identifier: [{ value: 'old' }], gender: 'male' });
    store.put({ resourceType: 'Patient', id: 'p1', identifier: [{ value: 'new' }], gender: 'female' });
    assert.equal(store.withIdentifier('Patient', ['new'])[0]?.gender, 'female');
    // A candidate list: the caller checks the current version, which no longer carries "old".
    assert.deepEqual(
      store.withIdentifier('Patient', ['old']).map((r) => r.identifier),
      [[{ value: 'new' }]],
    );
    store.clear();
    assert.deepEqual(store.withIdentifier('Patient', ['new']), []);
  });

  it('indexes resources restored from a journal and seeded in bulk', () => {
    const store = new ResourceStore();
    store.putAll([{ resourceType: 'Patient', id: 'p1', identifier: [{ system: 'urn:pinfl', value: '123' }] }]);
    store.restore({ resourceType: 'Patient', id: 'p2', meta: { versionId: '1' }, identifier: [{ value: '123' }] });
    assert.deepEqual(
      store.withIdentifier('Patient', ['123']).map((r) => r.id),
      ['p1', 'p2'],
    );
  });
});

describe('ResourceStore.revision', () => {
  it('changes when a resource of the type is stored, restored or the store cleared, and only then', () => {
    const store = new ResourceStore();
    const start = store.revision('Encounter');
    store.put({ resourceType: 'Observation', id: 'o1' });
    assert.equal(store.revision('Encounter'), start, 'another type was written');
    store.put({ resourceType: 'Encounter', id: 'e1' });
    const afterPut = store.revision('Encounter');
    assert.notEqual(afterPut, start);
    store.restore({ resourceType: 'Encounter', id: 'e2', meta: { versionId: '1' } });
    const afterRestore = store.revision('Encounter');
    assert.notEqual(afterRestore, afterPut);
    store.putAll([{ resourceType: 'Encounter', id: 'e3' }]);
    const afterSeed = store.revision('Encounter');
    assert.notEqual(afterSeed, afterRestore);
    store.clear();
    const afterClear = store.revision('Encounter');
    assert.ok(
      ![start, afterPut, afterRestore, afterSeed].includes(afterClear),
      'a cleared store never looks unchanged',
    );
    // Re-seeding after a clear must not bring back a revision seen before the clear.
    store.putAll([{ resourceType: 'Encounter', id: 'e1' }]);
    assert.ok(![start, afterPut, afterRestore, afterSeed, afterClear].includes(store.revision('Encounter')));
  });
});

describe('ResourceStore.current', () => {
  it('returns the current version without copying it', () => {
    const store = new ResourceStore();
    store.put({ resourceType: 'Organization', id: 'org1', name: 'v1' });
    store.put({ resourceType: 'Organization', id: 'org1', name: 'v2' });
    const first = store.current('Organization', 'org1');
    assert.equal(first?.name, 'v2');
    assert.equal(store.current('Organization', 'org1'), first, 'the same object, not a copy');
    assert.equal(store.current('Organization', 'missing'), undefined);
  });
});
