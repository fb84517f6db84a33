/**
 * Prescription short numbers in England's EPS layout `XXXXXX-XXXXXX-XXXXXC` with an ISO/IEC 7064 MOD 37-2 check
 * character (the SDK's implementation, DOMAIN.md test vectors). DHP defines no prescription identifier system.
 */
import { generatePrescriptionNumber } from '@shifo/sdk';
import type { Rng } from './rng.js';

/** A new short number drawn from the seed's deterministic random stream. */
export function newPrescriptionNumber(rng: Rng): string {
  return generatePrescriptionNumber(() => rng.next());
}
