import { untilAborted } from './abortable.js';
import { isEventStream, requestFor, type Outgoing } from './outgoing.js';

export type FetchLike = (request: Request) => Promise<Response>;

/** Marks the abort the SDK causes when the deadline passes, as opposed to the caller's own abort. */
export function timeoutReason(): DOMException {
  return new DOMException('The server did not answer in time.', 'TimeoutError');
}

/** Statuses whose responses may not carry a body. */
const nullBodyStatuses = new Set([204, 205, 304]);

/** A response rebuilt around a body already in memory: readable, and cheap to clone for several callers. */
function inMemory(response: Response, body: ArrayBuffer): Response {
  const copy = new Response(nullBodyStatuses.has(response.status) ? null : body, response);
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

/**
 * Sends one attempt and reads the whole answer, so a connection that drops mid-body is a failure of this
 * attempt (and may be retried) rather than of the caller's later `.json()`. Ends with `signal`'s reason when
 * the caller aborts, with a `TimeoutError` when `deadline` (epoch ms) passes. An event stream is handed on as
 * soon as its headers arrive; the caller's signal still ends it.
 */
export async function attempt(
  fetch: FetchLike,
  outgoing: Outgoing,
  signal: AbortSignal,
  deadline: number,
): Promise<Response> {
  const controller = new AbortController();
  const followCaller = () => controller.abort(signal.reason);
  if (signal.aborted) followCaller();
  signal.addEventListener('abort', followCaller);
  const timer =
    deadline === Infinity
      ? undefined
      : setTimeout(() => controller.abort(timeoutReason()), Math.max(0, deadline - Date.now()));
  let streaming = false;
  try {
    const response = await untilAborted(fetch(requestFor(outgoing, controller.signal)), controller.signal);
    if (isEventStream(response) || response.status < 200) {
      streaming = true;
      return response;
    }
    return inMemory(response, await untilAborted(response.arrayBuffer(), controller.signal));
  } finally {
    clearTimeout(timer);
    if (!streaming) signal.removeEventListener('abort', followCaller);
  }
}
