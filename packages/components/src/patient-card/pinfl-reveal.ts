import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type RevealState =
  | { status: 'masked'; announcement?: 'hidden' }
  | { status: 'revealing' }
  | { status: 'shown'; value: string }
  | { status: 'failed'; error: unknown };

/**
 * The "show PINFL" action of one card: asks for the full value, shows it for a limited time, then masks it
 * again. The value lives only in this object's memory while shown (never cached, never in an attribute) and is
 * dropped on hide, on time-out, when the patient changes and when the card leaves the page.
 */
export class PinflReveal implements ReactiveController {
  state: RevealState = { status: 'masked' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly durationMs: () => number,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Asks `fetchValue` for the full identifier and shows it until `hide()` or the time runs out. */
  async show(fetchValue: (signal: AbortSignal) => Promise<string | undefined>): Promise<void> {
    this.reset();
    const controller = new AbortController();
    this.inFlight = controller;
    this.set({ status: 'revealing' });
    try {
      const value = await fetchValue(controller.signal);
      if (controller.signal.aborted) return;
      if (value === undefined) {
        this.set({ status: 'masked' });
        return;
      }
      this.set({ status: 'shown', value });
      this.timer = setTimeout(() => this.hide(), this.durationMs());
    } catch (error) {
      if (!controller.signal.aborted) this.set({ status: 'failed', error });
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  /** Masks the value again (and says so to screen readers). */
  hide(): void {
    const wasShown = this.state.status === 'shown';
    this.reset();
    if (wasShown) this.set({ status: 'masked', announcement: 'hidden' });
  }

  /** Forgets everything without an announcement: another patient, or the card left the page. */
  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    if (this.state.status !== 'masked' || this.state.announcement) this.set({ status: 'masked' });
  }

  private set(state: RevealState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
