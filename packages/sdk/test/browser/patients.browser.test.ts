import { expect } from '@open-wc/testing';
// @ts-expect-error: served by the mock-server plugin in web-test-runner.config.mjs
import { mockServerUrl } from '/__shifo-test-env.js';
import { createShifoClient, ShifoError } from '../../src/index.js';

async function doctorToken(): Promise<string> {
  const response = await fetch(`${mockServerUrl}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'doctor' }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('@shifo/sdk in the browser', () => {
  it('finds a patient by PINFL across origins', async () => {
    const token = await doctorToken();
    const shifo = createShifoClient({ baseUrl: mockServerUrl as string, auth: () => token });
    const patient = await shifo.patients.findByPinfl('40503855900021');
    expect(patient?.id).to.equal('example-nodira');
  });

  it('reports an unreachable server as a network error', async () => {
    const shifo = createShifoClient({ baseUrl: 'http://127.0.0.1:9', auth: () => 'x' });
    try {
      await shifo.patients.get('example-nodira');
      expect.fail('the call should fail');
    } catch (error) {
      expect(error).to.be.instanceOf(ShifoError);
      expect((error as ShifoError).kind).to.equal('network');
    }
  });
});
