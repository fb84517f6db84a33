import { untilAborted } from './abortable.js';
import { isEventStream, type Outgoing } from './outgoing.js';
import type { Send } from './with-retries.js';

interface InFlight {
  readonly response: Promise<Response>;
  readonly controller: AbortController;
  callers: number;
}

/** Same method, URL and headers (so the same token and `Accept-Language`): the same answer. */
function keyOf({ template }: Outgoing): string {
  return `${template.method} ${template.url}\n${[...template.headers].join('\n')}`;
}

/**
 * Identical GETs in flight at the same time share one request; each caller gets its own clone of the answer.
 * The shared request is aborted only when every caller has aborted. Event streams are never shared.
 */
export function shareIdenticalGets(send: Send): Send {
  const inFlight = new Map<string, InFlight>();
  return async (outgoing, signal) => {
    const { method } = outgoing.template;
    if ((method !== 'GET' && method !== 'HEAD') || isEventStream(outgoing.template)) return send(outgoing, signal);
    if (signal.aborted) throw signal.reason;
    const key = keyOf(outgoing);
    let shared = inFlight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const response = send(outgoing, controller.signal).finally(() => {
        if (inFlight.get(key) === entry) inFlight.delete(key);
      });
      const entry: InFlight = { response, controller, callers: 0 };
      inFlight.set(key, (shared = entry));
    }
    const joined = shared;
    joined.callers++;
    const response = await untilAborted(joined.response, signal, () => {
      if (--joined.callers > 0) return;
      // Nobody wants the answer any more: stop the request, and let a later caller start afresh.
      if (inFlight.get(key) === joined) inFlight.delete(key);
      joined.controller.abort(signal.reason);
    });
    return response.clone();
  };
}
