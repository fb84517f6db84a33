import type { OpenApiDocument } from '../../../src/index.js';

export type Schema = Record<string, unknown>;

/**
 * Strings tried against a `pattern` the sampler cannot otherwise satisfy. They cover the contract's FHIR
 * primitives (id, code, date, dateTime, instant, time, integer64), ETags, tokens and references; a schema
 * none of them fits gets `"x"`, and the request self-check then says which operation needs a better sample.
 */
const PATTERN_CANDIDATES = [
  'example-nodira',
  'active',
  '2026-03-10',
  '2026-03-10T09:20:00+05:00',
  '09:20:00',
  '1',
  'W/"1"',
  'Patient/example-nodira',
  'urn:shifo:request-id',
  'identifier=urn:shifo:request-id|b7e4c1d2-3f5a-4e8b-9c0d-1a2b3c4d5e6f',
  '0d5ba9c6-8d0a-4cf2-9a4e-3b1f7e2c6a90',
  'dGVzdC1mZWVkYmFjay10b2tlbg.c2lnbmF0dXJl',
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ',
  'Abc',
];

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2026-03-10T09:20:00+05:00',
  date: '2026-03-10',
  time: '09:20:00+05:00',
  uuid: '0d5ba9c6-8d0a-4cf2-9a4e-3b1f7e2c6a90',
  uri: 'https://example.org/shifo',
  'uri-reference': 'https://example.org/shifo',
  url: 'https://example.org/shifo',
  email: 'demo@example.org',
  hostname: 'example.org',
};

const MAX_DEPTH = 14;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the smallest value a schema accepts: required properties only, first enum member, examples first. */
export class SchemaSampler {
  constructor(private readonly doc: OpenApiDocument) {}

  /** Follows a local `$ref`; sibling keywords (OpenAPI 3.1) override the target's. */
  resolve(schema: unknown): Schema {
    let current: unknown = schema;
    let merged: Schema = {};
    for (let hops = 0; hops < 16 && isSchema(current); hops++) {
      const { $ref, ...rest } = current;
      merged = { ...rest, ...merged };
      if (typeof $ref !== 'string' || !$ref.startsWith('#/')) return merged;
      current = $ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (isSchema(node) ? node[key] : undefined), this.doc);
    }
    return merged;
  }

  sample(schema: unknown, depth = 0): unknown {
    const s = this.resolve(schema);
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
    if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
    if ('example' in s) return s.example;
    if ('default' in s) return s.default;
    if (depth > MAX_DEPTH) return undefined;
    if (Array.isArray(s.allOf)) {
      const parts = s.allOf.map((part) => this.sample(part, depth + 1));
      return parts.every(isSchema) ? Object.assign({}, ...parts) : parts[0];
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const choices = s[key];
      if (Array.isArray(choices) && choices.length) return this.sample(choices[0], depth + 1);
    }
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    if (type === 'object' || (type === undefined && (isSchema(s.properties) || Array.isArray(s.required)))) {
      const properties = isSchema(s.properties) ? s.properties : {};
      const out: Record<string, unknown> = {};
      for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
        const value = this.sample(properties[name] ?? {}, depth + 1);
        out[name] = value === undefined ? 'x' : value;
      }
      return out;
    }
    if (type === 'array') {
      const count = Math.max(typeof s.minItems === 'number' ? s.minItems : 1, 1);
      const item = this.sample(s.items ?? {}, depth + 1);
      return item === undefined ? [] : Array.from({ length: count }, () => structuredClone(item));
    }
    if (type === 'integer' || type === 'number') {
      const minimum = typeof s.minimum === 'number' ? s.minimum : 1;
      return typeof s.maximum === 'number' ? Math.min(minimum, s.maximum) : minimum;
    }
    if (type === 'boolean') return true;
    if (type === 'string' || type === undefined) return this.sampleString(s);
    return null;
  }

  private sampleString(s: Schema): string {
    if (typeof s.format === 'string' && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format]!;
    const minLength = typeof s.minLength === 'number' ? s.minLength : 1;
    const maxLength = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
    const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
    if (typeof s.pattern === 'string') {
      const pattern = new RegExp(s.pattern, 'u');
      const found = PATTERN_CANDIDATES.find((text) => pattern.test(text) && fits(text));
      if (found) return found;
    }
    return 'x'.repeat(Math.max(minLength, 1));
  }
}
