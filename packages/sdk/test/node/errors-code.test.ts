import { startMockServer, type RunningMockServer } from '@shifo/mock-server';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tokenFor } from './support/mock-session.js';
import { createShifoClient, ShifoError } from '../../src/index.js';

describe('ShifoError.code', () => {
  let server: RunningMockServer;
  before(async () => {
    server = await startMockServer({ port: 0 });
  });
  after(() => server.close());

  it("is Shifo's reason from the server's outcome: consent-denied for an opted-out patient", async () => {
    const token = await tokenFor(server, 'doctor2');
    const shifo = createShifoClient({ baseUrl: server.url, auth: () => token });
    const error = await shifo.patients.get('pt-akmal-nazarov').then(
      () => assert.fail('a patient who opted out must be refused to another facility'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof ShifoError);
    assert.equal(error.kind, 'forbidden');
    assert.equal(error.code, 'consent-denied');
  });

  it('is undefined when the outcome carries no Shifo code', () => {
    const error = new ShifoError('refused', {
      kind: 'invalid',
      status: 400,
      outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] },
    });
    assert.equal(error.code, undefined);
  });
});
