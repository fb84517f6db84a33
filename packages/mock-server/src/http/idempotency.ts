import { createHash } from 'node:crypto';
import type { HandlerContext, HandlerResult } from '../handler.js';
import { HttpError } from './http-error.js';
import { codedIssue } from './outcome.js';

const RECORD_TYPE = 'x-IdempotencyRecord';

interface IdempotencyRecord {
  resourceType: typeof RECORD_TYPE;
  id: string;
  bodyHash: string;
  result: HandlerResult;
}

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url');
}

/**
 * Runs a non-FHIR write (queue, feedback) at most once per `Idempotency-Key`: a replay with the same body gets
 * the stored first response; the same key with another body is refused with 422. Keys are scoped to the caller
 * and the operation, so two users can never see each other's replies. Without a key, the write just runs.
 */
export function idempotent(context: HandlerContext, write: () => HandlerResult): HandlerResult {
  const key = context.req.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') return write();
  // Public writes (feedback answers) are authorised by their link token, so keys are scoped to it.
  const linkToken = typeof context.params.token === 'string' ? `link:${hash(context.params.token)}` : undefined;
  const who = context.principal?.id ?? linkToken ?? 'anonymous';
  const id = hash([who, context.operationId, key]);
  // What the request asks for: its path and body, not its headers (a retry may come in another language).
  const path = new URL(context.req.url ?? '/', 'http://x').pathname;
  const bodyHash = hash([path, context.body]);
  const previous = context.state.store.read(RECORD_TYPE, id) as unknown as IdempotencyRecord | undefined;
  if (previous) {
    if (previous.bodyHash !== bodyHash) {
      throw new HttpError(422, [
        codedIssue(
          'business-rule',
          'idempotency-key-reused',
          'This Idempotency-Key was already used with another request.',
        ),
      ]);
    }
    return { ...previous.result, headers: { ...previous.result.headers, 'Idempotent-Replayed': 'true' } };
  }
  const result = write();
  const record: IdempotencyRecord = { resourceType: RECORD_TYPE, id, bodyHash, result };
  context.state.store.put({ ...record });
  return result;
}
