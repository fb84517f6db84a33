import { isShifoError, outcomeText } from '@shifo/sdk';
import type { MessageKey } from '../i18n/translate.js';

/** The catalog key and detail for an error, so every component explains failures the same way. */
export function errorMessage(error: unknown): { key: MessageKey; detail: string } {
  if (!isShifoError(error)) return { key: 'error.unknown', detail: String((error as Error)?.message ?? error) };
  const detail = outcomeText(error.outcome) ?? error.message;
  // The server marks a refusal by the patient's consent with a Shifo error code (docs/contract.md §6).
  if (error.kind === 'forbidden' && error.code === 'consent-denied') return { key: 'error.consent', detail };
  const byKind: Record<typeof error.kind, MessageKey> = {
    network: 'error.network',
    timeout: 'error.timeout',
    offline: 'error.offline',
    auth: 'error.auth',
    forbidden: 'error.forbidden',
    'not-found': 'error.not-found',
    conflict: 'error.unknown',
    invalid: 'error.invalid',
    'business-rule': 'error.invalid',
    server: 'error.server',
  };
  return { key: byKind[error.kind], detail };
}
