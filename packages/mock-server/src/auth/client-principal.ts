import type { ConfidentialClient } from '../seed/types.js';
import type { Principal } from './principal.js';

/**
 * A hospital back end signed in with `client_credentials`: role `system`, acting for its facility. The seed's
 * `role` of a client describes whose rights the HIS mirrors; the contract's role for back ends is `system`.
 */
export function clientPrincipal(client: ConfidentialClient, scopes: string[]): Principal {
  return { id: client.clientId, role: 'system', displayName: client.name, facilityId: client.facilityId, scopes };
}
