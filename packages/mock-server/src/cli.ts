#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startMockServer } from './server.js';
import type { SeedKind } from './seed/index.js';

const usage = `Usage: shifo-mock-server [options]

  --port N          port to listen on (default 4010; 0 picks a free one)
  --host H          interface to bind (default 127.0.0.1)
  --seed KIND       demo | minimal | none (default demo)
  --token-ttl S     access-token lifetime in seconds (default 3600)
  --no-admin        switch off the dev-only /__admin API
  --cors ORIGINS    comma-separated origins allowed by CORS (default *)
  -h, --help        show this help`;

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
        'token-ttl': { type: 'string', default: '3600' },
        'no-admin': { type: 'boolean', default: false },
        cors: { type: 'string', default: '*' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, not "${values.port}"`);
const seed = values.seed as SeedKind;
if (!['demo', 'minimal', 'none'].includes(seed)) fail(`--seed must be demo, minimal or none, not "${values.seed}"`);
const tokenTtlSeconds = Number(values['token-ttl']);
if (!(tokenTtlSeconds > 0)) fail(`--token-ttl must be a positive number of seconds`);

const started = performance.now();
const server = await startMockServer({
  port,
  host: values.host,
  seed,
  tokenTtlSeconds,
  admin: !values['no-admin'],
  corsOrigins: values.cors.split(',').map((origin) => origin.trim()),
});
const users = server.state.seed.users.map((user) => `${user.username} (${user.role})`).join(', ');
console.log(`Shifo mock server ready in ${Math.round(performance.now() - started)} ms
  Base URL:  ${server.url}
  FHIR:      ${server.url}/fhir
  OpenAPI:   ${server.url}/openapi.json
  Seed:      ${seed}, ${server.state.store.size} resources
  Demo users: ${users}
  ${values['no-admin'] ? 'Admin API off.' : `A token for a demo user: curl -X POST ${server.url}/__admin/tokens -H 'Content-Type: application/json' -d '{"user":"doctor"}'`}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
