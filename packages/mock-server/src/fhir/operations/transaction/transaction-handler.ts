import { caller, type Handler } from '../../../handler.js';
import { auditAccess } from '../../crud/audit-access.js';
import { operationFor } from '../../crud/resource-operations.js';
import { clientWriter } from './client-writer.js';
import { processBundle } from './process-bundle.js';

/**
 * `POST /fhir`: a `transaction` (atomic) or `batch` Bundle. The operation itself needs only a valid token and a
 * writing role; each entry is then allowed or refused exactly as its own create or update would be.
 */
export const processTransaction: Handler = (context) => {
  caller(context);
  const prefer = context.req.headers.prefer;
  const body = processBundle(
    {
      store: context.state.store,
      now: context.state.now,
      origin: context.origin,
      writer: clientWriter(context),
      writable: (type) => operationFor(type, 'create') !== undefined,
      validateSchemas: true,
      returnRepresentation: typeof prefer === 'string' && prefer.includes('return=representation'),
      onEntryRefused(plan) {
        const id = plan.method === 'PUT' ? plan.id : undefined;
        auditAccess(context, {
          interaction: plan.method === 'POST' ? 'create' : 'update',
          type: plan.type,
          resource: { ...plan.resource, id },
          outcome: 'error',
        });
      },
    },
    context.body,
  );
  return { status: 200, body };
};
