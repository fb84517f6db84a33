import { loadContract, type OpenApiDocument } from '../../contract/load-contract.js';
import { deref, type ParameterSpec } from '../../contract/operations.js';

/** The FHIR REST interactions the contract offers per resource type. */
export type Interaction = 'read' | 'search-get' | 'search-post' | 'create' | 'update';

/** One FHIR REST operation of the contract, read from its path, method and `x-shifo-*` extensions. */
export interface ResourceOperation {
  operationId: string;
  type: string;
  interaction: Interaction;
  /** `x-shifo-roles`. */
  roles: readonly string[];
  /** `x-shifo-own-only`: roles that may use the operation only for their own records. */
  ownOnly: readonly string[];
  /** Query parameters (GET search) or form fields (POST search) the contract declares, paging included. */
  searchParameters: readonly string[];
  /** `_include` values the operation accepts. */
  includes: readonly string[];
}

const PATTERNS: { pattern: RegExp; method: string; interaction: Interaction }[] = [
  { pattern: /^\/fhir\/([A-Z][A-Za-z]+)$/, method: 'get', interaction: 'search-get' },
  { pattern: /^\/fhir\/([A-Z][A-Za-z]+)\/_search$/, method: 'post', interaction: 'search-post' },
  { pattern: /^\/fhir\/([A-Z][A-Za-z]+)$/, method: 'post', interaction: 'create' },
  { pattern: /^\/fhir\/([A-Z][A-Za-z]+)\/\{id\}$/, method: 'get', interaction: 'read' },
  { pattern: /^\/fhir\/([A-Z][A-Za-z]+)\/\{id\}$/, method: 'put', interaction: 'update' },
];

type Schema = { properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; $ref?: string };

function includesOf(doc: OpenApiDocument, schema: Schema | undefined): string[] {
  const items = schema ? deref(doc, deref(doc, schema).items) : undefined;
  return (items?.enum ?? []).map(String);
}

function searchSpec(
  doc: OpenApiDocument,
  interaction: Interaction,
  parameters: ParameterSpec[],
  raw: Record<string, unknown>,
): { searchParameters: string[]; includes: string[] } {
  if (interaction === 'search-get') {
    const query = parameters.filter((parameter) => parameter.in === 'query');
    const include = query.find((parameter) => parameter.name === '_include');
    return {
      searchParameters: query.map((parameter) => parameter.name),
      includes: includesOf(doc, include?.schema as Schema | undefined),
    };
  }
  if (interaction === 'search-post') {
    const body = deref(doc, raw.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined);
    const form = deref(doc, body?.content?.['application/x-www-form-urlencoded']?.schema);
    const properties = form?.properties ?? {};
    return { searchParameters: Object.keys(properties), includes: includesOf(doc, properties._include) };
  }
  return { searchParameters: [], includes: [] };
}

function readOperations(doc: OpenApiDocument): Map<string, ResourceOperation> {
  const operations = new Map<string, ResourceOperation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const { pattern, method, interaction } of PATTERNS) {
      const type = pattern.exec(path)?.[1];
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!type || !raw) continue;
      const shared = (item.parameters as ParameterSpec[] | undefined) ?? [];
      const own = (raw.parameters as ParameterSpec[] | undefined) ?? [];
      const parameters = [...shared, ...own].map((parameter) => deref(doc, parameter));
      const operationId = String(raw.operationId);
      operations.set(operationId, {
        operationId,
        type,
        interaction,
        roles: (raw['x-shifo-roles'] as string[] | undefined) ?? [],
        ownOnly: (raw['x-shifo-own-only'] as string[] | undefined) ?? [],
        ...searchSpec(doc, interaction, parameters, raw),
      });
    }
  }
  return operations;
}

/** Every FHIR read/search/create/update operation of the contract, by operationId. */
export const resourceOperations: ReadonlyMap<string, ResourceOperation> = readOperations(loadContract());

const byTypeAndInteraction = new Map(
  [...resourceOperations.values()].map((operation) => [`${operation.type}:${operation.interaction}`, operation]),
);

/** The operation for one interaction on one type (`createCondition` for Condition + create), if the contract has it. */
export function operationFor(type: string, interaction: Interaction): ResourceOperation | undefined {
  return byTypeAndInteraction.get(`${type}:${interaction}`);
}

/** The operation a handler was registered for (the router only calls handlers of operations that exist). */
export function resourceOperation(operationId: string): ResourceOperation {
  const operation = resourceOperations.get(operationId);
  if (!operation) throw new Error(`${operationId} is not a FHIR REST operation of the contract`);
  return operation;
}

/** The resource types the contract serves under `/fhir`, in contract order. */
export const resourceTypes: readonly string[] = [
  ...new Set([...resourceOperations.values()].map((operation) => operation.type)),
];
