// An app that works offline: the client with the encrypted outbox and summary cache, and one helper.
import { createShifoClient, offlineStorage } from '@shifo/sdk';

const shifo = createShifoClient({
  baseUrl: 'https://example.invalid',
  auth: () => 'token',
  offline: offlineStorage({ tenant: 'facility', user: 'staff' }),
});
export const summary = (patientId: string) => shifo.patients.summary(patientId);
export const waiting = () => shifo.offline?.outbox.pending();
