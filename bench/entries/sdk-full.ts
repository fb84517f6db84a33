// Every helper: what `createShifoClient` costs when an app uses the whole SDK.
import { createShifoClient } from '@shifo/sdk';

const shifo = createShifoClient({ baseUrl: 'https://example.invalid', auth: () => 'token' });
export const find = (pinfl: string) => shifo.patients.findByPinfl(pinfl);
