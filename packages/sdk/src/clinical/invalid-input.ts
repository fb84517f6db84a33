import { ShifoError } from '../errors/shifo-error.js';

/**
 * A client-side refusal of obviously wrong input, shaped like the server's (kind `invalid`, an OperationOutcome whose
 * `expression` names the field), so a form shows it the same way whichever side caught it.
 */
export function invalidInput(field: string, text: string): ShifoError {
  return new ShifoError(text, {
    kind: 'invalid',
    outcome: {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', diagnostics: text, expression: [field] }],
    },
  });
}
