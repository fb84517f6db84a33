import {
  createPatientsApi,
  createShifoCore,
  type PatientsApi,
  type ShifoClientOptions,
  type ShifoCore,
} from '@shifo/sdk';

/**
 * What Shifo's components need of an SDK client: the connection and the patient helpers. A full `ShifoClient`
 * (from `createShifoClient`) is one, so hosts pass theirs; the provider builds only this, so a page that embeds the
 * components does not ship the SDK's other helpers.
 */
export type ComponentClient = ShifoCore & { readonly patients: PatientsApi };

/** The provider's own client, built from its attributes. */
export function createComponentClient(options: ShifoClientOptions): ComponentClient {
  const core = createShifoCore(options);
  return { ...core, patients: createPatientsApi(core.context) };
}
