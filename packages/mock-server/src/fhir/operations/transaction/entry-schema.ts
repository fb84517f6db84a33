import { loadContract } from '../../../contract/load-contract.js';
import type { Operation } from '../../../contract/operations.js';
import { ContractValidator } from '../../../contract/validator.js';
import type { OutcomeIssue } from '../../../http/outcome.js';

let validator: ContractValidator | undefined;
const schemaOperations = new Map<string, Operation>();

/** Does the contract describe this resource type (`#/components/schemas/<Type>` with `resourceType` const)? */
export function hasResourceSchema(type: string): boolean {
  const schema = loadContract().components?.schemas?.[type] as
    { properties?: { resourceType?: { const?: unknown } } } | undefined;
  return schema?.properties?.resourceType?.const === type;
}

/**
 * Validating an entry's resource is validating a request body against `#/components/schemas/<Type>`: the
 * contract's validator does that (with its caching and FHIRPath expressions) for a body-only operation.
 */
function schemaOperation(type: string): Operation {
  let operation = schemaOperations.get(type);
  if (!operation) {
    operation = {
      operationId: `bundle-entry:${type}`,
      method: 'post',
      path: '/fhir',
      parameters: [],
      requestBody: {
        required: true,
        content: { 'application/fhir+json': { schema: { $ref: `#/components/schemas/${type}` } } },
      },
      roles: [],
      responses: {},
      matcher: /^$/,
      pathParamNames: [],
    };
    schemaOperations.set(type, operation);
  }
  return operation;
}

/** The contract's complaints about a resource, with expressions rooted at its type (`Observation.status`). */
export function resourceSchemaIssues(resource: { resourceType: string }): OutcomeIssue[] {
  validator ??= new ContractValidator(loadContract());
  return validator.validateRequest(schemaOperation(resource.resourceType), {
    pathParams: {},
    query: {},
    headers: {},
    body: { kind: 'json', value: resource },
    contentType: 'application/fhir+json',
  }).issues;
}
