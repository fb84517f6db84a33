import type { HandlerContext } from '../../../handler.js';
import type { ResourceStore } from '../../../store/resource-store.js';
import { createResource } from '../../crud/create.js';
import { updateResource } from '../../crud/update.js';
import type { EntryWriter } from './entry-writer.js';

/**
 * A caller's Bundle: each entry goes through exactly the path of `POST /fhir/{Type}` or `PUT /fhir/{Type}/{id}`
 * (access policy, conditional create, `If-Match`, write rules, audit) — against the store it is given, which for
 * a transaction is the staged view, so rules see the entries written before and nothing leaks on rollback.
 */
export function clientWriter(context: HandlerContext): EntryWriter {
  return {
    write(plan, store: ResourceStore) {
      const onStore: HandlerContext = { ...context, state: { ...context.state, store } };
      if (plan.method === 'POST') {
        return createResource(onStore, plan.resource, { ifNoneExist: plan.ifNoneExist });
      }
      return { stored: updateResource(onStore, plan.type, plan.id!, plan.resource, plan.ifMatch), created: false };
    },
  };
}
