import type { ShifoError } from '../errors/shifo-error.js';
import type { Outbox } from '../offline/outbox.js';
import type { WriteChannel, WriteResult } from './write-channel.js';

/**
 * Writes that survive being offline: each is stored (encrypted) in the outbox before it is sent. When the central
 * store answers during this call, the caller gets the answer as with a direct write: the resource, or the refusal as
 * a ShifoError (and the refused write leaves the outbox: the user is right there to correct it). When it cannot be
 * reached, the caller gets `queued`; the outbox sends it later, and a later refusal waits in the outbox for the UI.
 */
export function createOutboxWrites(
  outbox: Outbox,
  direct: WriteChannel,
  signedOut: () => boolean = () => false,
): WriteChannel {
  return {
    async write<T>(input: Parameters<WriteChannel['write']>[0], options?: Parameters<WriteChannel['write']>[1]) {
      // After sign-out the outbox is gone: nothing may wait in it (the write goes, and fails, as a direct one).
      if (options?.whenOffline === 'throw' || signedOut()) return direct.write<T>(input, options);
      const id = input.id ?? crypto.randomUUID();
      let outcome: { sent: WriteResult<T> } | { refused: ShifoError } | undefined;
      const stopSent = outbox.addEventListener('sent', (sent) => {
        if (sent.intent.id === id)
          outcome = { sent: { status: 'sent', resource: sent.body as T, replayed: sent.replayed, intentId: id } };
      });
      const stopFailed = outbox.addEventListener('failed', ({ intent, error }) => {
        if (intent.id === id) outcome = { refused: error };
      });
      try {
        await outbox.enqueue({ ...input, id });
        if (outbox.reachability.online) await outbox.flush().catch(() => undefined);
      } finally {
        stopSent();
        stopFailed();
      }
      if (outcome && 'sent' in outcome) return outcome.sent;
      if (outcome && 'refused' in outcome) {
        await outbox.resolve(id, 'discard');
        throw outcome.refused;
      }
      return { status: 'queued', intentId: id };
    },
  };
}
