/** In-process fallback for Web Locks (Node, old browsers): one holder per name at a time. */
const chains = new Map<string, Promise<unknown>>();

interface LockManagerLike {
  request<T>(name: string, options: { signal?: AbortSignal }, callback: () => Promise<T>): Promise<T>;
}

function lockManager(): LockManagerLike | undefined {
  const navigatorLike = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return navigatorLike?.locks;
}

/**
 * Runs `task` while holding the lock `name`: a Web Lock where the browser has them, so tabs of one origin take
 * turns (the browser releases a lock when its tab goes away, so a crashed tab never blocks the others).
 */
export function exclusive<T>(name: string, signal: AbortSignal, task: () => Promise<T>): Promise<T> {
  const locks = lockManager();
  if (locks) return locks.request(name, { signal }, task);
  const previous = chains.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  chains.set(name, settled);
  void settled.then(() => {
    if (chains.get(name) === settled) chains.delete(name);
  });
  return run;
}
