import { createAppointmentsApi, type AppointmentsApi } from './appointments.js';
import { createAuditApi, type AuditApi } from './audit.js';
import { createShifoCore, type ShifoClientOptions, type ShifoCore } from './core.js';
import { createDispensesApi, type DispensesApi } from './dispenses.js';
import { createFeedbackApi, type FeedbackApi } from './feedback.js';
import { createMedicationsApi, type MedicationsApi } from './medications.js';
import { createPatientsApi, type PatientsApi } from './patients.js';
import { createPrescriptionsApi, type PrescriptionsApi } from './prescriptions.js';
import { createQueueApi, type QueueApi } from './queue/queue-api.js';
import { createTerminologyApi, type TerminologyApi } from './terminology.js';

export type { ShifoClientOptions };

/** The connection (`ShifoCore`) with every task helper on it. */
export interface ShifoClient extends ShifoCore {
  readonly patients: PatientsApi;
  readonly prescriptions: PrescriptionsApi;
  readonly dispenses: DispensesApi;
  readonly medications: MedicationsApi;
  readonly terminology: TerminologyApi;
  readonly queue: QueueApi;
  readonly appointments: AppointmentsApi;
  readonly feedback: FeedbackApi;
  readonly audit: AuditApi;
}

/**
 * Creates a Shifo client with every task helper (`patients`, `prescriptions`, `queue`, ...). It holds no global
 * state: two clients (two facilities) never share tokens. Apps that count bytes use `createShifoCore` and only
 * the helpers they need.
 *
 * @example
 * const shifo = createShifoClient({ baseUrl: 'https://shifo.example.uz', auth: () => session.token, locale: 'uz' });
 * const patient = await shifo.patients.findByPinfl('40503855900021');
 */
export function createShifoClient(options: ShifoClientOptions): ShifoClient {
  const core = createShifoCore(options);
  const { context } = core;
  return {
    ...core,
    patients: createPatientsApi(context),
    prescriptions: createPrescriptionsApi(context),
    dispenses: createDispensesApi(context),
    medications: createMedicationsApi(context),
    terminology: createTerminologyApi(context),
    queue: createQueueApi(context),
    appointments: createAppointmentsApi(context),
    feedback: createFeedbackApi(context),
    audit: createAuditApi(context),
  };
}
