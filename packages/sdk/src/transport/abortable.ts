/**
 * `promise`, or a rejection with `signal.reason` as soon as `signal` aborts, whichever comes first.
 * `onAbort` runs once if the signal wins.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, onAbort?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(signal.reason);
    };
    if (signal.aborted) {
      // The promise still settles later; nobody waits for it now, so its rejection must not go unhandled.
      promise.catch(() => undefined);
      return abort();
    }
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Waits `ms`; an abort ends the wait at once with `signal.reason` (the caller's AbortError). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return untilAborted(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), signal, () =>
    clearTimeout(timer),
  );
}
