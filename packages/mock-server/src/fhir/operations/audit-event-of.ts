import { recordAudit, type AuditEntry } from '../../audit/audit-log.js';
import type { ResourceStore, StoredResource } from '../../store/resource-store.js';

/**
 * `recordAudit`, also returning the AuditEvent it stored (`$reveal-identifier` answers with its reference).
 * The shared writer keeps one AuditEvent shape for the whole server; this only watches its `put`.
 */
export function recordAuditEvent(store: ResourceStore, entry: AuditEntry, now: Date): StoredResource {
  let written: StoredResource | undefined;
  const watching = new Proxy(store, {
    get(target, property) {
      if (property === 'put') {
        return (resource: Parameters<ResourceStore['put']>[0]) => (written = target.put(resource));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  recordAudit(watching, entry, now);
  if (!written) throw new Error('recordAudit stored no AuditEvent');
  return written;
}
