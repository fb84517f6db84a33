import { HttpError } from '../../../http/http-error.js';
import { errorIssue, operationOutcome, type OutcomeIssue } from '../../../http/outcome.js';
import type { ResourceStore, StoredResource } from '../../../store/resource-store.js';
import { dependencyOrder } from './dependency-order.js';
import { entryError, entryResourcePath, statusLine } from './entry-outcome.js';
import { planEntry, type EntryPlan, type EntryRules, type RawEntry } from './entry-plan.js';
import type { EntryWriter, WriteOutcome } from './entry-writer.js';
import { resolveReferences } from './references.js';
import { StagedStore } from './staged-store.js';

/** What processing a Bundle needs: where to write, how, and what it may contain. */
export interface BundleContext extends EntryRules {
  store: ResourceStore;
  now: () => Date;
  /** `http://host:port`, for the `fullUrl`s of the response. */
  origin: string;
  writer: EntryWriter;
  /** `Prefer: return=representation`: the response entries carry the stored resources. */
  returnRepresentation: boolean;
  /**
   * Told when the writer refused an entry, after its staged writes were dropped — so the refusal can still be
   * put on the audit trail, which a rolled-back transaction must not erase.
   */
  onEntryRefused?(plan: EntryPlan, refusal: HttpError): void;
}

/** Far more than any HIS sends at once; the body limit (2 MB) usually binds first. */
export const MAX_ENTRIES = 1000;

interface RawBundle {
  type?: unknown;
  entry?: RawEntry[];
}

function responseEntry(context: BundleContext, outcome: WriteOutcome, stored: StoredResource) {
  const versionId = stored.meta?.versionId ?? '1';
  return {
    fullUrl: `${context.origin}/fhir/${stored.resourceType}/${stored.id}`,
    ...(context.returnRepresentation ? { resource: stored } : {}),
    response: {
      status: statusLine(outcome.created ? 201 : 200),
      location: `${stored.resourceType}/${stored.id}/_history/${versionId}`,
      etag: `W/"${versionId}"`,
      ...(stored.meta?.lastUpdated ? { lastModified: stored.meta.lastUpdated } : {}),
    },
  };
}

/** The version as the real store holds it after commit (a conditional-create match was never staged). */
function committedVersion(outcome: WriteOutcome, committed: Map<string, StoredResource>): StoredResource {
  const { stored } = outcome;
  return committed.get(`${stored.resourceType}/${stored.id}/${stored.meta?.versionId}`) ?? stored;
}

function refuseUnresolved(plan: EntryPlan, targets: ReadonlyMap<string, string>): void {
  const unresolved = resolveReferences(plan.resource, entryResourcePath(plan.index, plan.type), targets);
  if (unresolved.length === 0) return;
  throw new HttpError(
    400,
    unresolved.map(({ expression }) =>
      errorIssue('invalid', 'This urn: reference names no entry (fullUrl) of the Bundle.', expression),
    ),
  );
}

/** Checks every entry before writing any, so a malformed 5th entry costs nothing; reports all of them at once. */
function planAll(context: BundleContext, entries: RawEntry[]): EntryPlan[] {
  const plans: EntryPlan[] = [];
  const issues: OutcomeIssue[] = [];
  entries.forEach((entry, index) => {
    try {
      plans.push(planEntry(entry, index, context));
    } catch (refusal) {
      if (!(refusal instanceof HttpError)) throw refusal;
      issues.push(...refusal.outcome.issue);
    }
  });
  const fullUrls = new Set<string>();
  const targets = new Set<string>();
  for (const plan of plans) {
    if (plan.fullUrl !== undefined) {
      if (fullUrls.has(plan.fullUrl)) {
        issues.push(errorIssue('invariant', 'Two entries share this fullUrl.', `Bundle.entry[${plan.index}].fullUrl`));
      }
      fullUrls.add(plan.fullUrl);
    }
    if (plan.method === 'PUT') {
      const target = `${plan.type}/${plan.id}`;
      if (targets.has(target)) {
        issues.push(
          errorIssue('invariant', `Two entries update ${target}.`, `Bundle.entry[${plan.index}].request.url`),
        );
      }
      targets.add(target);
    }
  }
  if (issues.length) throw new HttpError(400, issues.slice(0, 20));
  return plans;
}

/**
 * A `transaction`: all entries or none. Entries are checked first, then written in dependency order into a
 * staged view of the store, each through the writer's full path (access, business rules, audit); only when the
 * last one succeeds does anything reach the real store. The first refusal is the whole Bundle's refusal.
 */
function processTransaction(context: BundleContext, entries: RawEntry[]): Record<string, unknown> {
  const plans = planAll(context, entries);
  const targets = new Map<string, string>();
  for (const plan of plans)
    if (plan.method === 'PUT' && plan.fullUrl) targets.set(plan.fullUrl, `${plan.type}/${plan.id}`);
  const staged = new StagedStore(context.store, context.now);
  const outcomes = new Map<EntryPlan, WriteOutcome>();
  for (const plan of dependencyOrder(plans)) {
    refuseUnresolved(plan, targets);
    try {
      const outcome = context.writer.write(plan, staged);
      outcomes.set(plan, outcome);
      if (plan.fullUrl) targets.set(plan.fullUrl, `${plan.type}/${outcome.stored.id}`);
    } catch (refusal) {
      if (!(refusal instanceof HttpError)) throw refusal;
      context.onEntryRefused?.(plan, refusal);
      throw entryError(refusal, plan.index, plan.type);
    }
  }
  const committed = staged.commit();
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: plans.map((plan) => {
      const outcome = outcomes.get(plan)!;
      return responseEntry(context, outcome, committedVersion(outcome, committed));
    }),
  };
}

/**
 * A `batch`: each entry on its own, in order; one failing does not stop the others. An entry may reference an
 * earlier entry that succeeded by its `urn:`.
 */
function processBatch(context: BundleContext, entries: RawEntry[]): Record<string, unknown> {
  const targets = new Map<string, string>();
  const responses = entries.map((entry, index) => {
    const type = typeof entry.resource?.resourceType === 'string' ? entry.resource.resourceType : 'Resource';
    try {
      const plan = planEntry(entry, index, context);
      refuseUnresolved(plan, targets);
      // Each entry is atomic on its own: its write, its rules' follow-up writes and its audit, or nothing.
      const staged = new StagedStore(context.store, context.now);
      let outcome: WriteOutcome;
      try {
        outcome = context.writer.write(plan, staged);
      } catch (refusal) {
        if (refusal instanceof HttpError) context.onEntryRefused?.(plan, refusal);
        throw refusal;
      }
      const committed = staged.commit();
      if (plan.fullUrl) targets.set(plan.fullUrl, `${plan.type}/${outcome.stored.id}`);
      return responseEntry(context, outcome, committedVersion(outcome, committed));
    } catch (refusal) {
      if (!(refusal instanceof HttpError)) throw refusal;
      const error = entryError(refusal, index, type);
      return { response: { status: statusLine(error.status), outcome: operationOutcome(error.outcome.issue) } };
    }
  });
  return { resourceType: 'Bundle', type: 'batch-response', entry: responses };
}

/** `POST /fhir` with a `transaction` or `batch` Bundle (docs/contract.md §4). */
export function processBundle(context: BundleContext, bundle: unknown): Record<string, unknown> {
  const { type, entry = [] } = (bundle ?? {}) as RawBundle;
  if (entry.length > MAX_ENTRIES) {
    throw HttpError.of(400, 'too-long', `A Bundle may carry at most ${MAX_ENTRIES} entries.`, 'Bundle.entry');
  }
  if (type === 'transaction') return processTransaction(context, entry);
  if (type === 'batch') return processBatch(context, entry);
  throw HttpError.of(400, 'value', 'POST /fhir takes a Bundle of type transaction or batch.', 'Bundle.type');
}
