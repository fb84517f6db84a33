import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The parts of an OpenAPI 3.1 document the server reads. Everything else passes through untyped. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/**
 * Where the contract lives: in `@shifo/sdk`, the single source of truth for the SDK and this server. The server
 * reads the JSON twin that `npm run generate` writes from the YAML (a test keeps them identical): it parses in
 * 20 ms where the YAML takes a second.
 */
export function contractPath(): string {
  return createRequire(import.meta.url).resolve('@shifo/sdk/openapi/shifo.openapi.json');
}

let cached: OpenApiDocument | undefined;

export function loadContract(): OpenApiDocument {
  cached ??= JSON.parse(readFileSync(contractPath(), 'utf8')) as OpenApiDocument;
  return cached;
}
