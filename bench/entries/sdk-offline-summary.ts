// An offline app that also reads whole summaries (the card's data, with the stale cache and the $summary fallback).
import { createPatientsApi, createShifoCore, offlineStorage } from '@shifo/sdk';

const core = createShifoCore({
  baseUrl: 'https://example.invalid',
  auth: () => 'token',
  offline: offlineStorage({ tenant: 'facility', user: 'staff' }),
});
const patients = createPatientsApi(core.context);
export const summary = (patientId: string) => patients.summary(patientId);
export const waiting = () => core.offline?.outbox.pending();
