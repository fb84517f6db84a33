import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

interface Started {
  child: ChildProcess;
  url: string;
  output: string;
  /** From spawn to the "ready" line. */
  startupMs: number;
}

const children: ChildProcess[] = [];

function launch(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Starts the CLI and waits for the banner to be complete (its last line names the admin API). */
function start(args: string[]): Promise<Started> {
  const spawnedAt = performance.now();
  const child = launch(args);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Base URL:\s+(\S+)/.exec(output)?.[1];
      if (url && /Admin API off|A token without the sign-in page/.test(output)) {
        resolve({ child, url, output, startupMs: performance.now() - /* ready */ spawnedAt });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

/** Runs the CLI to its end: exit code and what it printed. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = launch(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

after(async () => {
  for (const child of children) await stop(child);
});

describe('shifo-mock-server command line', () => {
  it('starts with the demo seed and prints where it is and who can sign in', async () => {
    const started = await start(['--port', '0']);
    // A budget (DESIGN.md: under 2 s), reported rather than asserted: timing depends on the machine.
    console.log(`# demo seed: spawn → ready in ${Math.round(started.startupMs)} ms`);
    const { output, url } = started;
    assert.match(output, /^Shifo mock server ready in \d+ ms/m);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(output.includes(`OpenAPI:   ${url}/openapi.json`));
    assert.match(output, /his-yunusobod\s+back end, client_credentials, secret his-yunusobod-secret/);
    assert.match(output, /shifo-web\s+browser, authorization code \+ PKCE/);
    assert.match(output, /doctor, therapist \(doctor\)/);
    assert.doesNotMatch(output, /\d{14}/, 'no PINFL in the banner');
    const openapi = await fetch(`${url}/openapi.json`);
    assert.equal(openapi.status, 200);
    await stop(started.child);
  });

  it('applies --latency, --fail-rate, --token-ttl and --cors', async () => {
    const { child, url } = await start([
      '--port',
      '0',
      '--seed',
      'minimal',
      '--latency',
      '40',
      '--fail-rate',
      '0',
      '--token-ttl',
      '120',
      '--cors',
      'http://localhost:5173, http://127.0.0.1:5173',
    ]);
    assert.deepEqual(await (await fetch(`${url}/__admin/faults`)).json(), { latencyMs: 40, errorRate: 0 });

    const started = performance.now();
    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:5173' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'his-yunusobod',
        client_secret: 'his-yunusobod-secret',
      }),
    });
    assert.ok(performance.now() - started >= 38, 'the latency applies');
    assert.equal(((await token.json()) as { expires_in: number }).expires_in, 120);
    assert.equal(token.headers.get('access-control-allow-origin'), 'http://localhost:5173');

    const other = await fetch(`${url}/fhir/metadata`, { headers: { Origin: 'http://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null, 'origins not listed get no CORS grant');
    await stop(child);
  });

  it('switches the admin API off with --no-admin', async () => {
    const { child, url, output } = await start(['--port', '0', '--seed', 'none', '--no-admin']);
    assert.match(output, /Admin API off/);
    assert.equal((await fetch(`${url}/__admin/users`)).status, 404);
    assert.equal((await fetch(`${url}/__admin/faults`)).status, 404);
    assert.equal((await fetch(`${url}/fhir/metadata`)).status, 200);
    await stop(child);
  });

  it('refuses bad values with a clear message and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /--port must be a whole number from 0 to 65535/],
      [['--port', '70000'], /--port must be a whole number/],
      [['--seed', 'huge'], /--seed must be demo, minimal or none/],
      [['--latency=-5'], /--latency must be a whole number/],
      [['--latency', '1.5'], /--latency must be a whole number/],
      [['--fail-rate', '1.5'], /--fail-rate must be a number from 0 to 1/],
      [['--fail-rate', 'often'], /--fail-rate must be a number from 0 to 1/],
      [['--token-ttl', '0'], /--token-ttl must be a whole number from 1/],
      [['--cors', 'localhost:5173/app'], /--cors takes origins/],
      [['--data', '/no/such/folder/state.jsonl'], /--data: the folder \/no\/such\/folder does not exist/],
      [['--host', ''], /--host must not be empty/],
      [['--verbose'], /Unknown option '--verbose'/],
      [['extra'], /Unexpected argument 'extra'/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, index) => {
      const [args, message] = cases[index]!;
      assert.equal(result.code, 2, `${args.join(' ')} exits 2`);
      assert.match(result.stderr, message, `${args.join(' ')} says why`);
      assert.match(result.stderr, /Usage: shifo-mock-server/);
      assert.equal(result.stdout, '', 'nothing starts');
    });
  });

  it('prints its usage with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    assert.equal(code, 0);
    for (const option of [
      '--port',
      '--host',
      '--seed',
      '--data',
      '--latency',
      '--fail-rate',
      '--token-ttl',
      '--no-admin',
      '--cors',
    ]) {
      assert.ok(stdout.includes(option), `${option} is documented`);
    }
  });

  it('says so and exits 1 when the port is taken', async () => {
    const first = await start(['--port', '0', '--seed', 'none']);
    const port = new URL(first.url).port;
    const second = await run(['--port', port, '--seed', 'none']);
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    await stop(first.child);
  });
});
