import { loadContract, type OpenApiDocument } from '../../contract/load-contract.js';
import type { Handler } from '../../handler.js';
import { searchParameter } from '../search/search-parameters.js';
import { resourceOperations, resourceTypes, type ResourceOperation } from './resource-operations.js';

/** Where the FHIR operations Shifo serves are defined. */
const OPERATION_DEFINITIONS: Readonly<Record<string, string>> = {
  summary: 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary',
  'reveal-identifier': 'https://shifo.uz/fhir/OperationDefinition/Patient-reveal-identifier',
  expand: 'http://hl7.org/fhir/OperationDefinition/ValueSet-expand',
};

const RESULT_PARAMETERS = new Set(['_count', '_page', '_sort', '_include']);
const INTERACTION_CODES = { read: 'read', 'search-get': 'search-type', create: 'create', update: 'update' } as const;

interface NamedOperation {
  name: string;
  definition: string;
}

function operationsByType(doc: OpenApiDocument): Map<string, NamedOperation[]> {
  const byType = new Map<string, NamedOperation[]>();
  for (const path of Object.keys(doc.paths)) {
    const match = /^\/fhir\/([A-Z][A-Za-z]+)\/(?:\{id\}\/)?\$([a-z-]+)$/.exec(path);
    if (!match) continue;
    const [, type = '', name = ''] = match;
    const definition = OPERATION_DEFINITIONS[name] ?? `https://shifo.uz/fhir/OperationDefinition/${type}-${name}`;
    byType.set(type, [...(byType.get(type) ?? []), { name, definition }]);
  }
  return byType;
}

function searchParams(type: string, operations: ResourceOperation[]): Record<string, string>[] {
  const inGet = new Set(operations.find((op) => op.interaction === 'search-get')?.searchParameters);
  const inPost = operations.find((op) => op.interaction === 'search-post')?.searchParameters ?? [];
  const names = [...new Set([...inGet, ...inPost])].filter((name) => !RESULT_PARAMETERS.has(name));
  return names.flatMap((name) => {
    const [base = name] = name.split(':');
    const parameter = searchParameter(type, base);
    if (!parameter) return [];
    const postOnly = !inGet.has(name);
    const documentation = postOnly
      ? `${parameter.description} Identifying: POST \`_search\` only.`
      : parameter.description;
    return [{ name, type: parameter.type, documentation }];
  });
}

function resourceEntry(doc: OpenApiDocument, type: string, named: NamedOperation[]): Record<string, unknown> {
  const operations = [...resourceOperations.values()].filter((operation) => operation.type === type);
  const has = (interaction: ResourceOperation['interaction']) =>
    operations.some((op) => op.interaction === interaction);
  const schema = doc.components?.schemas?.[type] as Record<string, unknown> | undefined;
  const profile = schema?.['x-shifo-profile'];
  const aliases = schema?.['x-shifo-profile-aliases'];
  const includes = [...new Set(operations.flatMap((operation) => operation.includes))];
  const interaction = (Object.keys(INTERACTION_CODES) as (keyof typeof INTERACTION_CODES)[])
    .filter((key) => has(key) || (key === 'search-get' && has('search-post')))
    .map((key) => ({ code: INTERACTION_CODES[key] }));
  return {
    type,
    ...(typeof profile === 'string' ? { profile } : {}),
    ...(Array.isArray(aliases) ? { supportedProfile: aliases } : {}),
    interaction,
    versioning: 'versioned-update',
    readHistory: false,
    updateCreate: false,
    conditionalCreate: has('create'),
    conditionalRead: 'not-supported',
    conditionalUpdate: false,
    conditionalDelete: 'not-supported',
    ...(includes.length ? { searchInclude: includes } : {}),
    searchParam: searchParams(type, operations),
    ...(named.length ? { operation: named } : {}),
  };
}

/** The CapabilityStatement, derived from the contract, so it can never promise what the server does not route. */
export function capabilityStatement(origin: string, date: string): Record<string, unknown> {
  const doc = loadContract();
  const named = operationsByType(doc);
  // Operations on types without REST interactions (ValueSet/$expand) are the server's own.
  const systemOperations = [...named]
    .filter(([type]) => !resourceTypes.includes(type))
    .flatMap(([, operations]) => operations);
  const hasTransactions = doc.paths['/fhir']?.post !== undefined;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Shifo',
    kind: 'instance',
    software: { name: 'Shifo mock server', version: doc.info.version },
    implementation: { description: 'Shifo mock of the DHP central record store', url: `${origin}/fhir` },
    fhirVersion: '5.0.0',
    format: ['json', 'application/fhir+json'],
    implementationGuide: ['https://dhp.uz/fhir/core/ImplementationGuide/uz.dhp.core|0.9.2'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Identifying search parameters (identifier, patient:identifier) are accepted only in the form body of ' +
          'POST `_search`. Updates require If-Match (412 when missing or stale). Nothing is ever deleted.',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://hl7.org/fhir/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description: `OAuth 2.0 bearer tokens from ${origin}/oauth/token; discovery at ${origin}/.well-known/smart-configuration.`,
        },
        resource: resourceTypes.map((type) => resourceEntry(doc, type, named.get(type) ?? [])),
        ...(hasTransactions ? { interaction: [{ code: 'transaction' }, { code: 'batch' }] } : {}),
        ...(systemOperations.length ? { operation: systemOperations } : {}),
      },
    ],
  };
}

/** `GET /fhir/metadata`: public. */
export const getCapabilityStatement: Handler = (context) => ({
  status: 200,
  body: capabilityStatement(context.origin, context.state.now().toISOString().slice(0, 10)),
});
