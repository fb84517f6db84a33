import { isTokenSet, type TokenSet } from './token-set.js';

type TabMessage = { type: 'tokens'; tokens: TokenSet } | { type: 'signed-out' } | { type: 'ask' };

/** The part of the Web Locks API used here. */
export interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/**
 * Keeps the tabs of one origin signed in together, without writing tokens anywhere: a renewed token set
 * (or a sign-out) is broadcast to the other tabs over a `BroadcastChannel`, a new tab asks the others for
 * theirs, and renewals run under a Web Lock so that only one tab at a time asks the token endpoint.
 */
export interface TabSync {
  publish(tokens: TokenSet | undefined): void;
  /**
   * Asks the other tabs for their tokens and waits until a fresh set has arrived (and been passed to `receive`)
   * or `waitMs` has passed.
   */
  ask(waitMs: number): Promise<void>;
  /**
   * Runs `renew` while holding the origin-wide lock (where the browser has Web Locks). `contended` is true when
   * another tab held the lock first: it has probably just renewed, and `ask` will fetch its result.
   */
  exclusive<T>(renew: (contended: boolean) => Promise<T>): Promise<T>;
}

export function tabSync(
  name: string,
  current: () => TokenSet | undefined,
  receive: (tokens: TokenSet | undefined) => void,
): TabSync | undefined {
  if (typeof BroadcastChannel !== 'function') return undefined;
  const channel = new BroadcastChannel(name);
  // In Node (workers share channels) an open channel must not keep the process alive.
  (channel as { unref?: () => void }).unref?.();
  const waiting = new Set<() => void>();
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message?.type === 'ask') {
      const tokens = current();
      if (tokens) channel.postMessage({ type: 'tokens', tokens } satisfies TabMessage);
    } else if (message?.type === 'signed-out') {
      receive(undefined);
    } else if (message?.type === 'tokens' && isTokenSet(message.tokens)) {
      receive(message.tokens);
      if (Date.now() < message.tokens.renewAt) for (const resolve of waiting) resolve();
    }
  };
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return {
    publish(tokens) {
      channel.postMessage((tokens ? { type: 'tokens', tokens } : { type: 'signed-out' }) satisfies TabMessage);
    },
    ask(waitMs) {
      return new Promise((resolve) => {
        const done = () => {
          waiting.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        waiting.add(done);
        channel.postMessage({ type: 'ask' } satisfies TabMessage);
      });
    },
    async exclusive<T>(renew: (contended: boolean) => Promise<T>) {
      if (!locks) return renew(false);
      const uncontended = await locks.request(name, { ifAvailable: true }, async (lock) =>
        lock ? { value: await renew(false) } : undefined,
      );
      return uncontended ? uncontended.value : locks.request(name, () => renew(true));
    },
  };
}
