// @ts-expect-error: served by the mock-server plugin in web-test-runner.config.mjs
import { mockServerUrl as url } from '/__shifo-test-env.js';
import { createShifoClient, type ShifoClient } from '@shifo/sdk';

/** Where the real mock server of this test run listens. */
export const mockServerUrl: string = url;

/** A bearer token for a demo user of the mock server. */
export async function tokenFor(user: string): Promise<string> {
  const response = await fetch(`${mockServerUrl}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`no token for ${user}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** An SDK client signed in as a demo user. */
export async function clientFor(user: string, baseUrl = mockServerUrl): Promise<ShifoClient> {
  const token = await tokenFor(user);
  return createShifoClient({ baseUrl, auth: () => token });
}

/** Waits until `predicate` holds, re-checking after each animation frame. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
