import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startMockServer, type RunningMockServer } from '../../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

interface Organization {
  resourceType: 'Organization';
  id: string;
  name: string;
  meta: { versionId: string; lastUpdated: string };
}

async function tokenFor(url: string, user: string): Promise<string> {
  const response = await fetch(`${url}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function createOrganization(url: string, token: string, name: string): Promise<Organization> {
  const response = await fetch(`${url}/fhir/Organization`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/fhir+json' },
    // A department of the admin's own facility, so that the directory rules let the admin change it later.
    body: JSON.stringify({
      resourceType: 'Organization',
      name,
      partOf: { reference: 'Organization/org-yunusobod-polyclinic' },
    }),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as Organization;
}

async function readOrganization(url: string, token: string, id: string): Promise<Response> {
  return fetch(`${url}/fhir/Organization/${id}`, { headers: { Authorization: `Bearer ${token}` } });
}

describe('--data FILE, in process', () => {
  let folder: string;
  let file: string;
  const running: RunningMockServer[] = [];
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'shifo-data-'));
    file = join(folder, 'state.jsonl');
  });
  after(async () => {
    await stop();
    rmSync(folder, { recursive: true, force: true });
  });
  const start = async (seed: 'minimal' | 'demo' = 'minimal') => {
    const server = await startMockServer({ port: 0, seed, dataFile: file });
    running.push(server);
    return server;
  };
  async function stop() {
    for (const server of running.splice(0)) await server.close();
  }

  it('seeds a new file, then keeps writes, versions and history across restarts', async () => {
    let server = await start();
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { format: string; seed: string };
    assert.deepEqual([header.format, header.seed], ['shifo-mock-journal/1', 'minimal']);
    const sizeBefore = server.state.store.size;
    let admin = await tokenFor(server.url, 'admin');
    const created = await createOrganization(server.url, admin, 'Persisted polyclinic');
    const updated = await fetch(`${server.url}/fhir/Organization/${created.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/fhir+json', 'If-Match': 'W/"1"' },
      body: JSON.stringify({ ...created, name: 'Renamed polyclinic' }),
    });
    assert.equal(updated.status, 200);
    await stop();

    server = await start('demo');
    assert.equal(server.state.seedKind, 'minimal', 'the file, not the option, says which seed it holds');
    admin = await tokenFor(server.url, 'admin');
    const read = await readOrganization(server.url, admin, created.id);
    assert.equal(read.status, 200);
    const body = (await read.json()) as Organization;
    assert.equal(body.name, 'Renamed polyclinic');
    assert.equal(body.meta.versionId, '2');
    assert.deepEqual(server.state.store.readVersion('Organization', created.id, '1'), created, 'history survives');
    assert.ok(server.state.store.size >= sizeBefore + 1);
    await stop();
  });

  it('drops a torn last line (a write that was never answered) and starts', async () => {
    const size = statSync(file).size;
    appendFileSync(file, '{"resourceType":"Organization","id":"torn","na');
    const server = await start();
    assert.equal(server.state.store.read('Organization', 'torn'), undefined);
    assert.equal(statSync(file).size, size, 'the torn tail is cut off');
    await stop();
  });

  it('resets the file with /__admin/reset', async () => {
    const server = await start();
    const reset = await fetch(`${server.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ seed: 'none' }),
    });
    assert.equal(reset.status, 200);
    await stop();
    const restarted = await start();
    assert.equal(restarted.state.seedKind, 'none');
    assert.equal([...restarted.state.store.all('Organization')].length, 0, 'the earlier writes are gone');
    await stop();
  });

  it('refuses to start on a damaged file or a file of something else', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0], '{"broken', '{"resourceType":"Organization","id":"x"}', ''].join('\n'));
    await assert.rejects(start(), /line 2 is damaged/);
    writeFileSync(file, 'hello\n');
    await assert.rejects(start(), /not a Shifo mock server data file/);
  });
});

/** The CLI as its own process, and the lines it prints. */
function spawnCli(args: string[]): { child: ChildProcess; ready: Promise<string> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Base URL:\s+(\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code}: ${output}`)));
  });
  return { child, ready };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('--data FILE, crash safety', () => {
  let folder: string;
  const children: ChildProcess[] = [];
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'shifo-crash-'));
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await killHard(child);
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every answered write after kill -9', async () => {
    const file = join(folder, 'crash.jsonl');
    const first = spawnCli(['--port', '0', '--seed', 'minimal', '--data', file]);
    children.push(first.child);
    const url = await first.ready;
    const admin = await tokenFor(url, 'admin');
    const answered = await Promise.all(
      Array.from({ length: 5 }, (_, index) => createOrganization(url, admin, `Crash-safe clinic ${index}`)),
    );
    await killHard(first.child);
    assert.equal(first.child.signalCode, 'SIGKILL');

    const second = spawnCli(['--port', '0', '--seed', 'minimal', '--data', file]);
    children.push(second.child);
    const again = await second.ready;
    const token = await tokenFor(again, 'admin');
    for (const organization of answered) {
      const read = await readOrganization(again, token, organization.id);
      assert.equal(read.status, 200, `${organization.name} survived`);
      assert.deepEqual(await read.json(), organization, 'read back exactly as answered');
    }
    await killHard(second.child);
  });
});
