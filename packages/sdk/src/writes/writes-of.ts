import type { ClientContext } from '../client-context.js';
import { capabilitiesOf } from '../fhir/capabilities.js';
import { IntentSender } from '../offline/send-intent.js';
import { createDirectWrites } from './direct-writes.js';
import type { WriteChannel } from './write-channel.js';

const channels = new WeakMap<ClientContext, WriteChannel>();

/**
 * The write channel of a client, made on first use: through the offline outbox when the client has one, else sent
 * at once. Helpers that write call it, so an app whose helpers only read does not ship the write machinery.
 */
export function writesOf(context: ClientContext): WriteChannel {
  let channel = channels.get(context);
  if (!channel) {
    const sender = new IntentSender({
      baseUrl: context.baseUrl,
      fhirBaseUrl: context.fhirBaseUrl,
      fetch: context.fetch,
      auth: context.auth,
      ...(context.conditionalCreate === undefined ? {} : { conditionalCreate: context.conditionalCreate }),
      capabilities: (signal) => capabilitiesOf(context, signal),
    });
    const direct = createDirectWrites(sender);
    channel = context.offline ? context.offline.writesVia(direct) : direct;
    channels.set(context, channel);
  }
  return channel;
}
