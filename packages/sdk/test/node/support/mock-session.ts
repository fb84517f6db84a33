import type { RunningMockServer } from '@shifo/mock-server';

/** A bearer token for a demo user of the mock server (its dev-only admin API stands in for a sign-in). */
export async function tokenFor(server: RunningMockServer, user: string): Promise<string> {
  const response = await fetch(`${server.url}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!response.ok) throw new Error(`no token for ${user}: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
