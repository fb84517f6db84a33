/** Ids the cursor still remembers when the server's ids are not numbers. */
const REMEMBERED_IDS = 1000;

function sequenceOf(id: string): number | undefined {
  return /^\d{1,15}$/.test(id) ? Number(id) : undefined;
}

/**
 * Where a subscriber is in a queue's event log, so a reconnect asks for exactly the missed events
 * (`Last-Event-ID`) and an event delivered twice (a replay overlapping what already arrived, a poll after a
 * stream) is passed on once. Ids are monotonic per location; non-numeric ids fall back to remembering them.
 */
export class EventCursor {
  private last: string | undefined;
  private readonly seen = new Set<string>();

  constructor(start?: string) {
    this.last = start;
  }

  /** The id to send as `Last-Event-ID`. */
  get lastEventId(): string | undefined {
    return this.last;
  }

  /** A snapshot replaces local state: the log continues after its id, whatever came before (a server restart). */
  resetTo(id: string | null | undefined): void {
    this.seen.clear();
    if (id !== null && id !== undefined) this.last = id;
  }

  /** Moves past `id` (e.g. a polling batch's `lastEventId`) without an event of its own. */
  advanceTo(id: string | null | undefined): void {
    if (id === null || id === undefined) return;
    const next = sequenceOf(id);
    const current = this.last === undefined ? undefined : sequenceOf(this.last);
    if (next === undefined || current === undefined || next > current) this.last = id;
  }

  /** Whether a ticket event is new; if so the cursor moves past it. */
  accept(id: string): boolean {
    const next = sequenceOf(id);
    const current = this.last === undefined ? undefined : sequenceOf(this.last);
    if (next !== undefined && current !== undefined) {
      if (next <= current) return false;
    } else if (this.seen.has(id)) {
      return false;
    }
    this.seen.add(id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
    this.last = id;
    return true;
  }
}
