#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FaultConfig } from './faults/fault-config.js';
import type { RunningMockServer } from './server.js';
import type { SeedKind } from './seed/index.js';

const usage = `Usage: shifo-mock-server [options]

  --port N          port to listen on (default 4010; 0 picks a free one)
  --host H          interface to bind (default 127.0.0.1)
  --seed KIND       demo | minimal | none (default demo)
  --data FILE       keep the state in FILE: it survives restarts and crashes (default: in memory only)
  --latency MS      add MS milliseconds to every answer (0..120000; /__admin is never slowed)
  --fail-rate P     answer a fraction P of requests (0..1) with 503 (/__admin/faults changes it later)
  --token-ttl S     access-token lifetime in seconds (default 3600)
  --no-admin        switch off the dev-only /__admin API (its paths answer 404)
  --cors ORIGINS    comma-separated origins allowed by CORS, or * (default *)
  --queues-always-open  queues take tickets at any hour (demos at night); default: their schedules' hours
  -h, --help        show this help`;

/** Bad usage: say what is wrong, show the usage, exit 2. */
function fail(message: string): never {
  console.error(`shifo-mock-server: ${message}\n\n${usage}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string', default: 'demo' },
        data: { type: 'string' },
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'token-ttl': { type: 'string', default: '3600' },
        'no-admin': { type: 'boolean', default: false },
        cors: { type: 'string', default: '*' },
        'queues-always-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

if (values.help) {
  console.log(usage);
  process.exit(0);
}

/** A whole number in [min, max], or exit 2 naming the option. */
function integerOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

const port = integerOption('port', values.port, 0, 65535);
const host = values.host.trim();
if (!host) fail('--host must not be empty');
const seed = values.seed as SeedKind;
if (!['demo', 'minimal', 'none'].includes(seed)) fail(`--seed must be demo, minimal or none, not "${values.seed}"`);
const tokenTtlSeconds = integerOption('token-ttl', values['token-ttl'], 1, 365 * 24 * 3600);

const faults: FaultConfig = {};
if (values.latency !== undefined) faults.latencyMs = integerOption('latency', values.latency, 0, 120000);
if (values['fail-rate'] !== undefined) {
  const text = values['fail-rate'];
  const rate = Number(text);
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    fail(`--fail-rate must be a number from 0 to 1, not "${text}"`);
  }
  faults.errorRate = rate;
}

const corsOrigins = values.cors.split(',').map((origin) => origin.trim());
for (const origin of corsOrigins) {
  if (origin === '*') continue;
  let valid = false;
  try {
    valid = new URL(origin).origin === origin;
  } catch {
    valid = false;
  }
  if (!valid) fail(`--cors takes origins such as http://localhost:5173 (no path, no trailing slash), not "${origin}"`);
}

let dataFile: string | undefined;
if (values.data !== undefined) {
  if (values.data.trim() === '') fail('--data needs a file name');
  dataFile = resolve(values.data);
  const folder = dirname(dataFile);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) fail(`--data: the folder ${folder} does not exist`);
  if (existsSync(dataFile) && !statSync(dataFile).isFile()) fail(`--data: ${dataFile} is not a file`);
}
const restoring = dataFile !== undefined && existsSync(dataFile) && statSync(dataFile).size > 0;

const started = performance.now();
let server: RunningMockServer;
try {
  // Loaded only now, so that --help and bad options answer at once instead of after compiling the server.
  const { startMockServer } = await import('./server.js');
  server = await startMockServer({
    port,
    host,
    seed,
    tokenTtlSeconds,
    admin: !values['no-admin'],
    corsOrigins,
    queuesAlwaysOpen: values['queues-always-open'],
    ...(dataFile ? { dataFile } : {}),
    faults,
  });
} catch (error) {
  const failure = error as NodeJS.ErrnoException;
  const reason =
    failure.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is in use (try --port 0 for a free one)`
      : failure.code === 'EADDRNOTAVAIL'
        ? `cannot bind to ${host}: no such interface`
        : failure.message;
  console.error(`shifo-mock-server: ${reason}`);
  process.exit(1);
}

const { state, url } = server;
const facilityName = (id: string) => state.seed.facilities.find((f) => f.id === id)?.name.en ?? id;
const usersByFacility = new Map<string, string[]>();
for (const user of state.seed.users) {
  const list = usersByFacility.get(user.facilityId) ?? [];
  list.push(user.role === user.username.replace(/\d+$/, '') ? user.username : `${user.username} (${user.role})`);
  usersByFacility.set(user.facilityId, list);
}
const clients = state.seed.clients.map((client) =>
  client.type === 'confidential'
    ? `    ${client.clientId.padEnd(24)} back end, client_credentials, secret ${client.clientSecret}`
    : `    ${client.clientId.padEnd(24)} browser, authorization code + PKCE, redirect URIs ${client.redirectUris.join(' ')}`,
);
const faultText = [
  faults.latencyMs !== undefined ? `latency ${faults.latencyMs} ms` : '',
  faults.errorRate !== undefined ? `fail rate ${faults.errorRate}` : '',
]
  .filter(Boolean)
  .join(', ');
const adminText = values['no-admin']
  ? 'Admin API off (--no-admin).'
  : `A token without the sign-in page: curl -X POST ${url}/__admin/tokens -H 'Content-Type: application/json' -d '{"user":"doctor"}'`;

console.log(`Shifo mock server ready in ${Math.round(performance.now() - started)} ms
  Base URL:  ${url}
  FHIR:      ${url}/fhir
  OpenAPI:   ${url}/openapi.json
  OAuth:     ${url}/oauth/authorize, ${url}/oauth/token (${url}/.well-known/smart-configuration)
  Seed:      ${state.seedKind}, ${state.store.size} resources${dataFile ? `; data file ${dataFile} (${restoring ? 'restored' : 'new'})` : '; in memory'}
  Faults:    ${faultText || 'none'}
  Demo clients:
${clients.join('\n')}
  Demo users (sign-in page or /__admin/tokens; password "demo"):
${[...usersByFacility].map(([facility, users]) => `    ${facilityName(facility)}: ${users.join(', ')}`).join('\n')}
  ${adminText}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
