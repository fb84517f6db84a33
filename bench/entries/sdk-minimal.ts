// The SDK's smallest useful app: the connection and the patient lookup (a registration desk finding a patient).
import { createPatientLookupApi, createShifoCore } from '@shifo/sdk';

const core = createShifoCore({ baseUrl: 'https://example.invalid', auth: () => 'token' });
const patients = createPatientLookupApi(core.context);
export const find = (pinfl: string) => patients.findByPinfl(pinfl);
