import type { ResourceStore, StoredResource } from '../../../store/resource-store.js';
import type { EntryPlan } from './entry-plan.js';

export interface WriteOutcome {
  stored: StoredResource;
  /** False when a conditional create found the resource already there, or a PUT replaced one. */
  created: boolean;
}

/** How the entries of a Bundle are written: through the REST path (a caller's Bundle) or as the server's own. */
export interface EntryWriter {
  write(plan: EntryPlan, store: ResourceStore): WriteOutcome;
}
