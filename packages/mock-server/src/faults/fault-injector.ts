import type { FaultConfig, FaultRoute, FaultRule } from './fault-config.js';
import { compileRoutePattern } from './route-pattern.js';

/** How a request ends when a fault hits it (the request log's `fault`). */
export type FaultKind = 'latency' | 'error' | 'throttle' | 'drop' | 'offline';

/** What to do to one request: wait, then maybe end it in one of the failing ways. */
export interface FaultPlan {
  delayMs: number;
  ending?:
    | { kind: 'offline' }
    | { kind: 'drop' }
    | { kind: 'throttle'; retryAfterSeconds: number }
    | { kind: 'error'; status: number };
}

const RULE_FIELDS = [
  'latencyMs',
  'jitterMs',
  'errorRate',
  'errorStatus',
  'burst429',
  'retryAfterSeconds',
  'dropRate',
  'offline',
] as const;

function hasFault(rule: FaultRule): boolean {
  return RULE_FIELDS.some((field) => rule[field] !== undefined && rule[field] !== 0 && rule[field] !== false);
}

/**
 * The mock server's fault injection (`/__admin/faults`, `--latency`, `--fail-rate`). Decisions are made
 * synchronously per request, so a burst of N 429s is exactly N however many requests race for it.
 */
export class FaultInjector {
  private config: FaultConfig = {};
  private routes: { route: FaultRoute; matcher: RegExp }[] = [];

  constructor(
    /** What `reset` returns to: the faults the server was started with. */
    private readonly initial: FaultConfig = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(initial);
  }

  /** The active configuration; `burst429` counts down as the burst is served. */
  get(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Replaces the whole configuration (PUT semantics). */
  set(config: FaultConfig): FaultConfig {
    this.config = structuredClone(config);
    this.routes = (this.config.routes ?? []).map((route) => ({ route, matcher: compileRoutePattern(route.pattern) }));
    return this.get();
  }

  clear(): void {
    this.set({});
  }

  /** Back to the faults the server started with. */
  reset(): void {
    this.set(this.initial);
  }

  /** The first route matching the request, else the global fields. */
  private ruleFor(method: string, pathname: string): FaultRule {
    const found = this.routes.find(
      ({ route, matcher }) => (route.method === undefined || route.method === method) && matcher.test(pathname),
    );
    return found ? found.route : this.config;
  }

  /** What happens to this request, or `undefined` when it goes through untouched. */
  plan(method: string, pathname: string): FaultPlan | undefined {
    const rule = this.ruleFor(method.toUpperCase(), pathname);
    if (!hasFault(rule)) return undefined;
    if (rule.offline) return { delayMs: 0, ending: { kind: 'offline' } };
    // A CORS preflight is only ever delayed or cut off: a refused preflight looks like a network error in a
    // browser anyway, and it must not use up a 429 burst meant for the request it precedes.
    const preflight = method.toUpperCase() === 'OPTIONS';
    const delayMs = (rule.latencyMs ?? 0) + (rule.jitterMs ? Math.floor(this.random() * (rule.jitterMs + 1)) : 0);
    if (rule.dropRate && this.random() < rule.dropRate) return { delayMs, ending: { kind: 'drop' } };
    if (!preflight && rule.burst429 && rule.burst429 > 0) {
      rule.burst429 -= 1;
      return { delayMs, ending: { kind: 'throttle', retryAfterSeconds: rule.retryAfterSeconds ?? 1 } };
    }
    if (!preflight && rule.errorRate && this.random() < rule.errorRate) {
      return { delayMs, ending: { kind: 'error', status: rule.errorStatus ?? 503 } };
    }
    return delayMs > 0 ? { delayMs } : undefined;
  }
}
