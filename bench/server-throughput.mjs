// Throughput of the mock server against Stoplight Prism mocking the same contract (DESIGN.md §6: GET
// /fhir/Patient/{id} at 50 connections, ≥ 5× Prism). Both servers run as child processes on loopback; autocannon
// drives them one route at a time, so neither competes with the other for the CPU. Prints figures; asserts
// nothing. Bounded: every phase has a time limit and the children are stopped on every way out.
//
//   node bench/server-throughput.mjs [--duration 10] [--connections 50]   (after `npm run build`)
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = `${root}packages/sdk/openapi/shifo.openapi.yaml`;
const MOCK_CLI = `${root}packages/mock-server/dist/cli.js`;
const HOST = '127.0.0.1';
/** Prism parses and compiles the whole contract before it listens: minutes on a busy two-core machine. */
const STARTUP_LIMIT_MS = 6 * 60_000;
const PINFL_SYSTEM = 'https://dhp.uz/fhir/core/sid/pid/uz/ni';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A child process whose last lines of output are kept for the error message if it fails to start. */
function startChild(label, args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (chunk) => {
    tail.push(...String(chunk).split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    label,
    child,
    tail,
    get exited() {
      return exited;
    },
    stop() {
      if (!exited) child.kill('SIGTERM');
    },
  };
}

/** Polls `url` until the server answers anything, the child dies, or the limit passes. */
async function waitUntilAnswering(started, url, limitMs) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (started.exited) throw new Error(`${started.label} exited:\n${started.tail.join('\n')}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`${started.label} did not answer within ${limitMs / 1000} s:\n${started.tail.join('\n')}`);
}

/** Fewer completed requests than this in the timed window, and the figure would be noise: count requests instead. */
const MIN_SAMPLES = 200;
/** A server too slow for the timed window is measured over this many requests (it takes what it takes). */
const SLOW_SAMPLES = 100;

/** One request, tried again if a pooled keep-alive connection was closed by the server meanwhile. */
async function send(url, request) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Sequential requests before measuring (JIT, caches); their mean latency says which way to measure. */
async function warmUp(url, request, count = 20) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await send(url, request);
  return (performance.now() - started) / count;
}

/**
 * `duration` seconds at `connections` connections; or, when the warm-up says the server would complete fewer
 * than MIN_SAMPLES requests in that time, exactly SLOW_SAMPLES requests at the same concurrency. A timed run
 * against a server that slow would end with all its requests in flight (reporting 0 req/s) and leave it a
 * backlog that slows the next run down.
 */
async function measure({ url, request, connections, duration }) {
  const meanMs = await warmUp(url, request);
  const countRequests = (duration * 1000) / meanMs < MIN_SAMPLES;
  const result = await autocannon({
    url: `${url}${request.path}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections,
    ...(countRequests ? { amount: SLOW_SAMPLES, timeout: 300 } : { duration, timeout: 30 }),
  });
  return { result, window: countRequests ? `${SLOW_SAMPLES} requests` : `${duration} s` };
}

/** The contract's own prescription example, made valid for the demo formulary (see `routes`). */
function prescriptionBody(contract, medicationId) {
  const example =
    contract.paths['/fhir/MedicationRequest'].post.requestBody.content['application/fhir+json'].examples.example.value;
  const body = structuredClone(example);
  if (medicationId) body.medication = { reference: { reference: `Medication/${medicationId}` } };
  // The server sets the validity from the medicine's category; the example's 90 days exceed amlodipine's cap.
  delete body.dispenseRequest?.validityPeriod;
  // A recorded override of the duplicate-therapy finding that every prescription after the first would otherwise
  // raise: each call then runs the whole create path and stores a new prescription. (Without If-None-Exist the
  // example's fixed request id does not make the calls replays.)
  body.extension = [
    {
      url: 'https://shifo.uz/fhir/StructureDefinition/clinical-check-override',
      extension: [
        {
          url: 'finding',
          valueCoding: {
            system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason',
            code: 'sdupther',
          },
        },
        { url: 'reason', valueString: 'Benchmark: repeated prescription' },
      ],
    },
  ];
  return JSON.stringify(body);
}

async function mockToken(url) {
  const response = await fetch(`${url}/__admin/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'doctor' }),
  });
  if (!response.ok) throw new Error(`no doctor token from the mock server: ${response.status}`);
  return (await response.json()).access_token;
}

async function formularyMedication(url, token) {
  const response = await fetch(`${url}/fhir/Medication?name=amlodipin&_count=1`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) return undefined;
  return (await response.json()).entry?.[0]?.resource?.id;
}

function routes(contract, token, medicationId) {
  const auth = { Authorization: `Bearer ${token}` };
  return [
    {
      name: 'GET /fhir/Patient/{id}',
      budget: 5,
      method: 'GET',
      path: '/fhir/Patient/example-nodira',
      headers: auth,
    },
    {
      name: 'POST /fhir/Patient/_search (PINFL)',
      method: 'POST',
      path: '/fhir/Patient/_search',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier: `${PINFL_SYSTEM}|40503855900021` }).toString(),
    },
    {
      name: 'POST /fhir/MedicationRequest',
      method: 'POST',
      path: '/fhir/MedicationRequest',
      // Prism otherwise picks the example-less 200 (a conditional-create replay) and fails generating it (its
      // own 500 "Invalid reference token: paths"); the mock server ignores this header on creates.
      headers: { ...auth, 'Content-Type': 'application/fhir+json', Prefer: 'code=201' },
      body: prescriptionBody(contract, medicationId),
    },
  ];
}

const number = (value) => Math.round(value).toLocaleString('en-US');

function statuses(result) {
  const counts = Object.entries(result.statusCodeStats ?? {}).map(
    ([status, { count }]) => `${status}×${number(count)}`,
  );
  if (result.errors) counts.push(`errors×${number(result.errors)}`);
  if (result.timeouts) counts.push(`timeouts×${number(result.timeouts)}`);
  return counts.join(' ') || 'none';
}

function figures({ result, window }) {
  return {
    window,
    // Completed requests over the run's real length (a counted run has no fixed duration).
    rps: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: statuses(result),
  };
}

/**
 * Measures every route on the mock server and on Prism, `durationSeconds` each after a short warm-up (a server
 * too slow for that window is measured over a fixed number of requests instead, see `measure`).
 * Returns the rows for `bench/run.mjs` ([what, figure, budget, detail]) and prints the details as it goes.
 */
export async function serverThroughput({ durationSeconds = 10, connections = 50, log = console.log } = {}) {
  if (!existsSync(MOCK_CLI)) throw new Error(`${MOCK_CLI} is missing: run \`npm run build\` (npm run bench does).`);
  const contract = parse(readFileSync(CONTRACT, 'utf8'));
  const prismCli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
  const [mockPort, prismPort] = [await freePort(), await freePort()];
  const mockUrl = `http://${HOST}:${mockPort}`;
  const prismUrl = `http://${HOST}:${prismPort}`;
  const children = [
    startChild('mock server', [MOCK_CLI, '--port', String(mockPort), '--host', HOST, '--seed', 'demo']),
    // Prism at its fastest: static examples (no faker), no error responses for violations, quiet logs.
    startChild('Prism', [
      prismCli,
      'mock',
      CONTRACT,
      '-p',
      String(prismPort),
      '-h',
      HOST,
      '--errors',
      'false',
      '-v',
      'error',
    ]),
  ];
  const stopAll = () => children.forEach((c) => c.stop());
  process.once('exit', stopAll);
  const watchdog = setTimeout(
    () => {
      console.error('server-throughput: over its time limit; stopping.');
      stopAll();
      process.exit(1);
    },
    STARTUP_LIMIT_MS + 20 * 60_000,
  );
  try {
    const [mock, prism] = children;
    const startedAt = Date.now();
    await waitUntilAnswering(mock, `${mockUrl}/fhir/metadata`, STARTUP_LIMIT_MS);
    log(`server-throughput: mock server answering after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    await waitUntilAnswering(prism, `${prismUrl}/fhir/metadata`, STARTUP_LIMIT_MS);
    log(`server-throughput: Prism answering after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    const token = await mockToken(mockUrl);
    const medicationId = await formularyMedication(mockUrl, token);
    const rows = [];
    log(
      `server-throughput: ${connections} connections, ${durationSeconds} s per route and server (after 20 sequential warm-up requests)`,
    );
    for (const request of routes(contract, token, medicationId)) {
      const measured = {};
      for (const [target, url] of [
        ['mock', mockUrl],
        ['Prism', prismUrl],
      ]) {
        measured[target] = figures(await measure({ url, request, connections, duration: durationSeconds }));
        const m = measured[target];
        log(
          `  ${request.name.padEnd(36)} ${target.padEnd(5)} ${number(m.rps).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  over ${m.window}: ${m.statuses}`,
        );
      }
      const ratio = measured.mock.rps / measured.Prism.rps;
      rows.push([
        `Mock server vs Prism, ${request.name}, ${connections} conn`,
        `${ratio.toFixed(1)}×`,
        request.budget ? `≥ ${request.budget}× Prism` : 'none (reported)',
        `${number(measured.mock.rps)} vs ${number(measured.Prism.rps)} req/s (over ${measured.mock.window} / ${measured.Prism.window}); p50 ${measured.mock.p50}/${measured.Prism.p50} ms, ` +
          `p99 ${measured.mock.p99}/${measured.Prism.p99} ms; mock ${measured.mock.statuses}; Prism ${measured.Prism.statuses}`,
      ]);
    }
    return rows;
  } finally {
    clearTimeout(watchdog);
    stopAll();
    process.removeListener('exit', stopAll);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
  });
  const rows = await serverThroughput({
    durationSeconds: Number(values.duration),
    connections: Number(values.connections),
  });
  for (const [what, figure, budget, detail] of rows) console.log(`${what}  ${figure}  budget ${budget}  (${detail})`);
}
