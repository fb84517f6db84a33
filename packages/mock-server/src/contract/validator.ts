import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './load-contract.js';
import { deref, type Operation } from './operations.js';
import { errorIssue, type OutcomeIssue } from '../http/outcome.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

const CONTRACT_ID = 'shifo-contract';
const MAX_DEPTH = 64;

function createAjv(doc: OpenApiDocument, coerce: boolean): Ajv2020 {
  // Query strings and forms carry only strings: coerce them to the schema's types, and a lone value to an
  // array where the contract takes repeated parameters (`date=ge…&date=le…`).
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    validateSchema: false,
  });
  addFormats(ajv);
  // OpenAPI annotations that are not JSON Schema keywords.
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator', 'x-shifo-profile']);
  ajv.addSchema(doc as object, CONTRACT_ID);
  return ajv;
}

/** Rewrites `#/components/...` refs so they resolve inside the contract registered with Ajv. */
function anchor(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchor);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#') ? CONTRACT_ID + value : anchor(value);
    }
    return out;
  }
  return schema;
}

/** `/name/0/family` on a Patient body → `Patient.name[0].family` (FHIRPath, as DHP reports it). */
function toExpression(root: string, instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), root);
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'required') return `missing required property "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'additionalProperties') return `unknown property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'const') return `must be ${JSON.stringify(error.params.allowedValue)}`;
  return error.message ?? 'is invalid';
}

function issuesFrom(errors: ErrorObject[] | null | undefined, root: string, name?: string): OutcomeIssue[] {
  const seen = new Set<string>();
  const issues: OutcomeIssue[] = [];
  for (const error of errors ?? []) {
    const path =
      error.keyword === 'required'
        ? `${error.instancePath}/${String(error.params.missingProperty)}`
        : error.instancePath;
    const expression = toExpression(root, path) || root;
    const key = `${expression}:${error.keyword}`;
    if (seen.has(key) || issues.length >= 20) continue;
    seen.add(key);
    const code = error.keyword === 'required' ? 'required' : 'value';
    issues.push(errorIssue(code, `${name ?? expression} ${describe(error)}`.trim(), expression));
  }
  return issues;
}

function depthOf(value: unknown, limit: number): number {
  const stack: [unknown, number][] = [[value, 1]];
  let max = 0;
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    if (max > limit) return max;
    if (node && typeof node === 'object') for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

export interface RequestParts {
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body:
    { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, string | string[]> };
  contentType: string;
}

/** Validated, type-coerced inputs of one request. */
export interface ValidatedRequest {
  params: Record<string, unknown>;
  body: unknown;
}

/**
 * Validates requests (and, for tests, responses) against the contract. Schemas compile lazily and once per
 * operation, so starting the server stays fast however large the contract grows.
 */
export class ContractValidator {
  private readonly strictAjv: Ajv2020;
  private readonly coercingAjv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly doc: OpenApiDocument) {
    this.strictAjv = createAjv(doc, false);
    this.coercingAjv = createAjv(doc, true);
  }

  private compile(key: string, schema: unknown, coerce: boolean): ValidateFunction {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = (coerce ? this.coercingAjv : this.strictAjv).compile(anchor(schema) as object);
      this.cache.set(key, validate);
    }
    return validate;
  }

  validateRequest(operation: Operation, parts: RequestParts): { value?: ValidatedRequest; issues: OutcomeIssue[] } {
    const issues: OutcomeIssue[] = [];
    const params: Record<string, unknown> = {};
    for (const parameter of operation.parameters) {
      const raw =
        parameter.in === 'path'
          ? parts.pathParams[parameter.name]
          : parameter.in === 'query'
            ? parts.query[parameter.name]
            : parameter.in === 'header'
              ? parts.headers[parameter.name.toLowerCase()]
              : undefined;
      if (raw === undefined) {
        // A missing If-Match is the update handler's 412 `if-match-required` (DHP), not a generic 400.
        const leftToHandler = parameter.in === 'header' && parameter.name === 'If-Match';
        if (parameter.required && !leftToHandler) {
          issues.push(errorIssue('required', `${parameter.name} is required`, parameter.name));
        }
        continue;
      }
      const schema = parameter.schema ?? {};
      const commaSeparated = parameter.in === 'query' && parameter.explode === false && schema.type === 'array';
      const holder = { value: commaSeparated ? ([] as string[]).concat(raw).flatMap((v) => v.split(',')) : raw };
      const validate = this.compile(
        `${operation.operationId}:param:${parameter.in}:${parameter.name}`,
        { type: 'object', properties: { value: schema } },
        true,
      );
      if (validate(holder)) params[parameter.name] = holder.value;
      else
        issues.push(
          ...issuesFrom(validate.errors, parameter.name, parameter.name).map((i) => ({
            ...i,
            expression: [parameter.name],
          })),
        );
    }

    let body: unknown;
    const content = operation.requestBody?.content ?? {};
    if (parts.body.kind === 'none') {
      if (operation.requestBody?.required) issues.push(errorIssue('required', 'A request body is required.'));
    } else if (Object.keys(content).length === 0) {
      issues.push(errorIssue('invalid', 'This operation takes no request body.'));
    } else {
      const form = parts.body.kind === 'form';
      const mediaType =
        Object.keys(content).find((type) =>
          form ? type === 'application/x-www-form-urlencoded' : type.includes('json'),
        ) ?? undefined;
      if (!mediaType) {
        issues.push(errorIssue('not-supported', `Send ${Object.keys(content).join(' or ')}.`));
      } else if (depthOf(parts.body.value, MAX_DEPTH) > MAX_DEPTH) {
        issues.push(errorIssue('too-long', `The body is nested deeper than ${MAX_DEPTH} levels.`));
      } else {
        const schema = content[mediaType]?.schema ?? {};
        // Form values are coerced in place (strings to numbers, single values to arrays): work on a copy.
        const value = parts.body.kind === 'form' ? { ...parts.body.value } : parts.body.value;
        const validate = this.compile(`${operation.operationId}:body:${mediaType}`, schema, form);
        const root =
          typeof (value as { resourceType?: unknown })?.resourceType === 'string'
            ? String((value as { resourceType: string }).resourceType)
            : 'body';
        if (validate(value)) body = value;
        else issues.push(...issuesFrom(validate.errors, root));
      }
    }
    return issues.length ? { issues } : { value: { params, body }, issues };
  }

  /** For tests: does this response body match what the contract promises for this status? */
  validateResponse(operation: Operation, status: number, contentType: string, body: unknown): string[] {
    const response = (operation.responses[String(status)] ?? operation.responses.default) as unknown;
    if (!response) return [`status ${status} is not documented for ${operation.operationId}`];
    const resolved = deref(this.doc, response as { content?: Record<string, { schema?: unknown }> });
    const content = resolved.content ?? {};
    const type = contentType.split(';')[0]!.trim();
    const media =
      content[type] ??
      (type.includes('json') ? Object.entries(content).find(([t]) => t.includes('json'))?.[1] : undefined);
    if (!media) return Object.keys(content).length ? [`content type ${type} is not documented`] : [];
    const validate = this.compile(`${operation.operationId}:response:${status}:${type}`, media.schema ?? {}, false);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${describe(e)}`);
  }
}
