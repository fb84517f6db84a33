import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ShifoError } from '../../src/index.js';
import { startQueueServer, type QueueServer } from './support/queue-server.js';
import { refusal } from './support/refusal.js';

const DILNOZA = 'pt-dilnoza-yusupova';
/** Another patient than the signed-in `patient` user's own. */
const OTHER = 'pt-zuhra-saidova';

describe('audit.forPatient against the mock server', () => {
  let mock: QueueServer;
  before(async () => {
    mock = await startQueueServer();
    await mock.client('doctor').patients.get(DILNOZA);
  });
  after(() => mock.close());

  it('lists who accessed the record, newest first, with role, action and outcome', async () => {
    const trail = await mock.client('admin').audit.forPatient(DILNOZA);
    assert.ok(trail.length >= 1);
    const read = trail.find((record) => record.role === 'doctor' && record.action === 'read');
    assert.ok(read, JSON.stringify(trail.map((r) => [r.role, r.action, r.outcome])));
    assert.equal(read.outcome, 'success');
    assert.ok(read.who, 'the doctor is named');
    assert.equal(read.event.resourceType, 'AuditEvent');
    const times = trail.map((record) => Date.parse(record.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    assert.ok(trail.every((record) => record.event.patient?.reference === `Patient/${DILNOZA}`));
  });

  it('lists refused accesses as refused', async () => {
    const denied = await refusal(mock.client('patient').patients.get(OTHER));
    assert.equal(denied.kind, 'forbidden');
    const trail = await mock.client('admin').audit.forPatient(OTHER);
    assert.ok(
      trail.some((record) => record.outcome === 'refused' && record.role === 'patient' && record.action === 'read'),
      JSON.stringify(trail.map((r) => [r.role, r.action, r.outcome])),
    );
  });

  it('since and count narrow the list', async () => {
    assert.deepEqual(await mock.client('admin').audit.forPatient(DILNOZA, { since: '2999-01-01' }), []);
    assert.equal((await mock.client('admin').audit.forPatient(DILNOZA, { count: 1 })).length, 1);
  });

  it('a patient sees their own trail, and nothing of another patient’s', async () => {
    const own = await mock.client('patient').audit.forPatient(DILNOZA);
    assert.ok(own.some((record) => record.role === 'doctor'));
    // The contract says 403; the mock narrows the search to the own compartment (empty). Either keeps it private.
    const other = await mock
      .client('patient')
      .audit.forPatient(OTHER)
      .catch((error: unknown) => {
        assert.ok(error instanceof ShifoError && error.kind === 'forbidden');
        return [];
      });
    assert.deepEqual(other, []);
  });

  it('is refused to clinical roles', async () => {
    const error = await refusal(mock.client('doctor').audit.forPatient(DILNOZA));
    assert.equal(error.status, 403);
  });
});
