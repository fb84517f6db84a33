import type { ClientContext } from '../client-context.js';
import { unwrap } from '../transport/unwrap.js';

/** The parts of a CapabilityStatement the SDK reads: operations offered, conditional create allowed. */
export interface CapabilityShape {
  rest?: {
    resource?: { type?: string; conditionalCreate?: boolean; operation?: { name?: string }[] }[];
    operation?: { name?: string }[];
  }[];
}

const statements = new WeakMap<ClientContext, Promise<CapabilityShape>>();

/**
 * The server's CapabilityStatement, read once per client and shared by everything that asks (the summary's
 * `$summary` check, the writes' conditional-create check); a failed read is tried again next time.
 */
export function capabilitiesOf(context: ClientContext, signal?: AbortSignal): Promise<CapabilityShape> {
  let statement = statements.get(context);
  if (!statement) {
    statement = context.fhir.GET('/metadata', { signal }).then((answer) => unwrap(answer) as CapabilityShape);
    statements.set(context, statement);
    statement.catch(() => statements.delete(context));
  }
  return statement;
}

/** Whether the server lists the operation `name` on resource `type` (or at the system level). */
export function hasOperation(statement: CapabilityShape, type: string, name: string): boolean {
  const rest = statement.rest?.[0];
  const onType = rest?.resource?.find((resource) => resource.type === type)?.operation ?? [];
  return [...onType, ...(rest?.operation ?? [])].some((operation) => operation.name === name);
}
