type Listener<T> = (detail: T) => void;

/** A tiny typed event emitter (no DOM needed, so it works in Node too). `addEventListener` returns an unsubscribe. */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  addEventListener<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => this.removeEventListener(type, listener);
  }

  removeEventListener<K extends keyof Events>(type: K, listener: Listener<Events[K]>): void {
    this.listeners.get(type)?.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(type: K, detail: Events[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        (listener as Listener<Events[K]>)(detail);
      } catch (error) {
        // One broken listener must not stop the outbox or the other listeners.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
