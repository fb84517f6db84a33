// An app that works offline: the connection with the encrypted outbox and summary cache, and the patient helper.
import { createPatientsApi, createShifoCore, offlineStorage } from '@shifo/sdk';

const core = createShifoCore({
  baseUrl: 'https://example.invalid',
  auth: () => 'token',
  offline: offlineStorage({ tenant: 'facility', user: 'staff' }),
});
const patients = createPatientsApi(core.context);
export const summary = (patientId: string) => patients.summary(patientId);
export const waiting = () => core.offline?.outbox.pending();
