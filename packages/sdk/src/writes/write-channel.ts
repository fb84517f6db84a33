import type { NewWriteIntent } from '../offline/intent.js';

/** What became of a write: the server has it (`sent`), or it waits in the offline outbox (`queued`). */
export type WriteResult<T> =
  | {
      status: 'sent';
      /** The server's answer: the created or updated resource, the ticket, ... */
      resource: T;
      /** True when the server already had this write (a replay recognised by its identifier or key). */
      replayed: boolean;
      intentId: string;
    }
  | { status: 'queued'; intentId: string };

export interface WriteOptions {
  signal?: AbortSignal;
  /**
   * What to do when the central store cannot be reached: `queue` keeps the write in the offline outbox (when the
   * client has one) and answers `queued`; `throw` fails with an `offline`/`network` ShifoError. Writes whose answer
   * the user waits for (calling the next patient) use `throw`. Default `queue`.
   */
  whenOffline?: 'queue' | 'throw';
}

/**
 * How task helpers write: every write is sent so the server applies it once however often it travels (FHIR creates
 * carry a `urn:shifo:request-id` identifier, queue and feedback writes an `Idempotency-Key`), and, with `offline`
 * configured, survives being offline in the encrypted outbox.
 */
export interface WriteChannel {
  write<T>(intent: NewWriteIntent, options?: WriteOptions): Promise<WriteResult<T>>;
}
