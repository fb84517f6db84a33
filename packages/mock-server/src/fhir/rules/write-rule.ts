import type { HandlerContext } from '../../handler.js';
import type { NewResource, StoredResource } from '../../store/resource-store.js';

/**
 * Business rules for one resource type, run by the generic FHIR create/update handlers. Rules run synchronously
 * between reading and writing the store, so checks such as "never dispense more than prescribed" hold under any
 * number of concurrent requests (Node runs them one at a time; a rule must not await).
 *
 * A rule refuses by throwing an HttpError (422 `business-rule` with a Shifo error code, usually).
 */
export interface WriteRule {
  /** Before a create: validate, and fill server-assigned fields (numbers, statuses) on `resource`. */
  beforeCreate?(context: HandlerContext, resource: NewResource): void;
  /** Before an update: `current` is the stored version, `next` what the client sent (already version-checked). */
  beforeUpdate?(context: HandlerContext, current: StoredResource, next: NewResource): void;
  /** After a create or update was stored: update related records (e.g. complete a fully dispensed request). */
  afterWrite?(context: HandlerContext, stored: StoredResource): void;
}
