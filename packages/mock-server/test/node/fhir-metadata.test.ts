import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fhirHandlers } from '../../src/fhir/handlers.js';
import { listOperations, loadContract } from '../../src/index.js';
import { FhirClient } from './fhir-support.js';
import { startHarness, type Harness } from './harness.js';

interface ResourceCapability {
  type: string;
  profile?: string;
  interaction: { code: string }[];
  versioning: string;
  updateCreate: boolean;
  conditionalCreate: boolean;
  searchParam: { name: string; type: string; documentation?: string }[];
  searchInclude?: string[];
}

interface CapabilityStatement {
  resourceType: string;
  fhirVersion: string;
  rest: { mode: string; resource: ResourceCapability[]; interaction?: { code: string }[] }[];
}

const RESULT_PARAMETERS = new Set(['_count', '_page', '_sort', '_include']);

describe('GET /fhir/metadata', () => {
  let h: Harness;
  let statement: CapabilityStatement;
  let byType: Map<string, ResourceCapability>;
  const contract = loadContract();
  const operations = listOperations(contract);

  before(async () => {
    h = await startHarness();
    const answer = await new FhirClient(h).get<CapabilityStatement>('/fhir/metadata');
    assert.equal(answer.status, 200, 'public: no token needed');
    h.assertMatchesContract('getCapabilityStatement', answer.response, answer.body);
    statement = answer.body;
    byType = new Map(statement.rest[0]!.resource.map((resource) => [resource.type, resource]));
  });
  after(() => h.close());

  it('is a FHIR R5 server CapabilityStatement with transactions', () => {
    assert.equal(statement.resourceType, 'CapabilityStatement');
    assert.equal(statement.fhirVersion, '5.0.0');
    assert.equal(statement.rest[0]?.mode, 'server');
    assert.deepEqual(
      statement.rest[0]?.interaction?.map((interaction) => interaction.code),
      ['transaction', 'batch'],
    );
  });

  it('lists every resource type of the contract with the interactions the contract routes', () => {
    const expected = new Map<string, Set<string>>();
    const code = (operationId: string) =>
      /^read/.test(operationId)
        ? 'read'
        : /^(list|search)/.test(operationId)
          ? 'search-type'
          : /^create/.test(operationId)
            ? 'create'
            : /^update/.test(operationId)
              ? 'update'
              : undefined;
    for (const operation of operations) {
      const type = /^\/fhir\/([A-Z][A-Za-z]+)(?:\/_search|\/\{id\})?$/.exec(operation.path)?.[1];
      const interaction = code(operation.operationId);
      if (!type || !interaction) continue;
      expected.set(type, (expected.get(type) ?? new Set()).add(interaction));
    }
    assert.equal(expected.size, 17, '16 writable types and AuditEvent');
    for (const [type, interactions] of expected) {
      const advertised = byType.get(type);
      assert.ok(advertised, `${type} is advertised`);
      assert.deepEqual(new Set(advertised.interaction.map((i) => i.code)), interactions, type);
    }
    assert.deepEqual(
      byType.get('AuditEvent')?.interaction.map((i) => i.code),
      ['read', 'search-type'],
    );
  });

  it('advertises conditional create, versioned updates, no update-as-create, and UZ Core profiles', () => {
    for (const [type, resource] of byType) {
      assert.equal(resource.conditionalCreate, type !== 'AuditEvent', type);
      assert.equal(resource.versioning, 'versioned-update');
      assert.equal(resource.updateCreate, false);
    }
    assert.equal(byType.get('Patient')?.profile, 'https://dhp.uz/fhir/core/StructureDefinition/uz-core-patient');
    assert.equal(byType.get('Slot')?.profile, undefined, 'Slot has no UZ Core profile');
  });

  it('lists every search parameter the contract declares, with its FHIR type', () => {
    for (const operation of operations) {
      if (!/^(list|search)/.test(operation.operationId)) continue;
      const type = /^\/fhir\/([A-Z][A-Za-z]+)/.exec(operation.path)?.[1];
      const resource = type ? byType.get(type) : undefined;
      if (!resource) continue;
      const form = (operation.requestBody?.content['application/x-www-form-urlencoded']?.schema ?? {}) as {
        $ref?: string;
      };
      const formName = form.$ref?.split('/').at(-1);
      const formSchema = formName
        ? (contract.components?.schemas?.[formName] as { properties?: Record<string, unknown> } | undefined)
        : undefined;
      const declared = [
        ...operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
        ...Object.keys(formSchema?.properties ?? {}),
      ].filter((name) => !RESULT_PARAMETERS.has(name));
      const advertised = new Set(resource.searchParam.map((parameter) => parameter.name));
      for (const name of declared) assert.ok(advertised.has(name), `${operation.operationId}: ${name}`);
    }
    const observation = new Map(byType.get('Observation')?.searchParam.map((p) => [p.name, p]));
    assert.equal(observation.get('date')?.type, 'date');
    assert.equal(observation.get('patient')?.type, 'reference');
    assert.equal(observation.get('code')?.type, 'token');
    assert.match(observation.get('patient:identifier')?.documentation ?? '', /POST `_search` only/);
    assert.deepEqual(byType.get('MedicationRequest')?.searchInclude?.includes('MedicationRequest:medication'), true);
  });

  it('every advertised interaction has a handler', () => {
    for (const operation of operations) {
      if (/^\/fhir\/[A-Z][A-Za-z]+(\/_search|\/\{id\})?$/.test(operation.path)) {
        assert.ok(fhirHandlers[operation.operationId], operation.operationId);
      }
    }
    assert.ok(fhirHandlers.getCapabilityStatement);
  });
});
