import { ShifoError, type OperationOutcome, type ShifoErrorKind } from '@shifo/sdk';
import type { ComponentClient } from '../provider/component-client.js';

function kindOf(status: number): ShifoErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 422) return 'business-rule';
  if (status >= 400 && status < 500) return 'invalid';
  return 'server';
}

/**
 * Asks the server for the full identifier of `system` that the summary masked (`$reveal-identifier`, a Shifo
 * operation). The server writes an AuditEvent for every call, refused ones included, and answers
 * `Cache-Control: no-store`; the value goes to the caller only and is never kept here. `undefined` when the
 * patient has no identifier of that system. A refusal is a ShifoError, like every other SDK failure.
 */
export async function revealIdentifier(
  client: ComponentClient,
  patientId: string,
  system: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const { data, error, response } = await client.fhir.POST('/Patient/{id}/$reveal-identifier', {
    params: { path: { id: patientId } },
    body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'system', valueUri: system },
        { name: 'reason', valueCode: 'TREAT' },
      ],
    },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || data === undefined) {
    const outcome = (error as OperationOutcome | undefined)?.resourceType === 'OperationOutcome' ? error : undefined;
    throw new ShifoError(`$reveal-identifier answered ${response.status}`, {
      kind: kindOf(response.status),
      status: response.status,
      ...(outcome ? { outcome: outcome as OperationOutcome } : {}),
    });
  }
  const parameter = data.parameter?.find((p) => p.name === 'identifier') as
    { valueIdentifier?: { value?: string } } | undefined;
  return parameter?.valueIdentifier?.value;
}
