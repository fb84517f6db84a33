// The SDK's smallest useful app (bench/entries/sdk-minimal.ts) with offline support switched on: writes wait in the
// encrypted outbox, reads of patients go on as before.
import { createPatientLookupApi, createShifoCore, offlineStorage } from '@shifo/sdk';

const core = createShifoCore({
  baseUrl: 'https://example.invalid',
  auth: () => 'token',
  offline: offlineStorage({ tenant: 'facility', user: 'staff' }),
});
const patients = createPatientLookupApi(core.context);
export const find = (pinfl: string) => patients.findByPinfl(pinfl);
export const waiting = () => core.offline?.outbox.pending();
