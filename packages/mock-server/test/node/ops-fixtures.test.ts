import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resourceSchemaIssues } from '../../src/fhir/operations/transaction/entry-schema.js';
import {
  fixtureTransaction,
  loadThroughTransaction,
} from '../../src/fhir/operations/transaction/fixture-transaction.js';
import { loadFixtures } from '../../src/index.js';
import { ResourceStore } from '../../src/store/resource-store.js';
import { startHarness, type Harness } from './harness.js';
import { call, withoutVersion, type Resource } from './ops-support.js';

/** Who may read each fixture over HTTP (AuditEvent is for admins; the rest is clinical or directory data). */
const reader = (type: string) => (type === 'AuditEvent' ? 'admin' : 'doctor');

describe('UZ Core examples loaded through a transaction Bundle', () => {
  let h: Harness;
  const fixtures = loadFixtures();
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('go in as one transaction of PUTs that keep their ids', () => {
    const bundle = fixtureTransaction(fixtures) as {
      type: string;
      entry: { request: { method: string; url: string } }[];
    };
    assert.equal(bundle.type, 'transaction');
    assert.deepEqual(
      bundle.entry.map((e) => e.request),
      fixtures.map((f) => ({ method: 'PUT', url: `${f.resourceType}/${f.id}` })),
    );
  });

  it('validate against the contract schemas unchanged', () => {
    for (const fixture of fixtures)
      assert.deepEqual(resourceSchemaIssues(fixture), [], `${fixture.resourceType}/${fixture.id}`);
  });

  it('read back identical to the files, but for meta.versionId and meta.lastUpdated', async () => {
    assert.ok(fixtures.length >= 16);
    const tokens = new Map<string, string>();
    for (const fixture of fixtures) {
      const user = reader(fixture.resourceType);
      if (!tokens.has(user)) tokens.set(user, await h.tokenFor(user));
      const { response, body } = await call<Resource>(
        h,
        `/fhir/${fixture.resourceType}/${fixture.id}`,
        tokens.get(user),
      );
      const label = `${fixture.resourceType}/${fixture.id}`;
      assert.equal(response.status, 200, label);
      assert.equal(body.meta?.versionId, '1', label);
      assert.equal(response.headers.get('etag'), 'W/"1"', label);
      assert.deepEqual(withoutVersion(body), withoutVersion(fixture as Resource), label);
    }
  });

  it('load all or nothing: a Bundle with one bad entry leaves the store empty', () => {
    const store = new ResourceStore();
    const broken = [...fixtures];
    broken[3] = { ...broken[3]!, id: 'not a valid id' };
    assert.throws(() => loadThroughTransaction(store, broken, () => new Date()), /Bundle\.entry\[3\]\.request\.url/);
    assert.equal(store.size, 0);
    loadThroughTransaction(store, fixtures, () => new Date());
    assert.equal(store.size, fixtures.length);
  });
});
