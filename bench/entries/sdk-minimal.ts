// An app that uses only the client and one helper: what a HIS page pays for the SDK.
import { createShifoClient } from '@shifo/sdk';

const shifo = createShifoClient({ baseUrl: 'https://example.invalid', auth: () => 'token' });
export const find = (pinfl: string) => shifo.patients.findByPinfl(pinfl);
