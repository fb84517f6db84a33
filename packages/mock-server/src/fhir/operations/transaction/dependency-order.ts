import { HttpError } from '../../../http/http-error.js';
import { errorIssue } from '../../../http/outcome.js';
import type { EntryPlan } from './entry-plan.js';

/**
 * The order to write a transaction's entries in: an entry after every created entry it references by `urn:`, and
 * otherwise as sent. Ids of created resources are known only once written, so a reference cycle between created
 * entries cannot be resolved and is refused.
 */
export function dependencyOrder(plans: readonly EntryPlan[]): EntryPlan[] {
  const creating = new Map<string, EntryPlan>();
  for (const plan of plans) if (plan.method === 'POST' && plan.fullUrl) creating.set(plan.fullUrl, plan);
  const waitingFor = new Map<EntryPlan, Set<EntryPlan>>();
  for (const plan of plans) {
    const prerequisites = new Set<EntryPlan>();
    for (const urn of plan.dependsOn) {
      const prerequisite = creating.get(urn);
      if (prerequisite && prerequisite !== plan) prerequisites.add(prerequisite);
    }
    waitingFor.set(plan, prerequisites);
  }
  const ordered: EntryPlan[] = [];
  const done = new Set<EntryPlan>();
  while (ordered.length < plans.length) {
    const next = plans.find((plan) => !done.has(plan) && [...waitingFor.get(plan)!].every((p) => done.has(p)));
    if (!next) {
      const stuck = plans.find((plan) => !done.has(plan))!;
      throw new HttpError(400, [
        errorIssue(
          'invariant',
          'Created entries reference each other in a cycle: no order of writing can resolve their urn:uuid references.',
          `Bundle.entry[${stuck.index}]`,
        ),
      ]);
    }
    ordered.push(next);
    done.add(next);
  }
  return ordered;
}
