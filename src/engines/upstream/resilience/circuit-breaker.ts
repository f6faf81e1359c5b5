/**
 * A circuit breaker per upstream target: closed → open after N consecutive failures or an
 * error rate over a sliding window (with a minimum volume) → half-open after `openMs`, letting
 * one probe through → closed on its success, open again on its failure.
 * Callers take a Permit per call and settle it once; the clock is injectable for tests.
 */
import { SlidingWindow } from './sliding-window.js';

/** The three breaker states. */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** Tuning; every field has a default. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** Error rate in the window that opens the circuit, 0..1 (default 0.5). */
  errorRateThreshold?: number;
  /** Sliding window length for the error rate (default 60 000 ms). */
  windowMs?: number;
  /** Requests needed in the window before the error rate is trusted (default 20). */
  minimumRequests?: number;
  /** How long the circuit stays open before a probe (default 30 000 ms). */
  openMs?: number;
  /** The clock (default Date.now). */
  now?: () => number;
  /** Told about every state change, e.g. for logs and metrics. */
  onStateChange?: (name: string, from: BreakerState, to: BreakerState) => void;
}

/** What /health and metrics show for one breaker. */
export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  consecutiveFailures: number;
  window: { requests: number; failures: number; errorRate: number };
  openedAt: number | null;
  /** When an open circuit lets the next probe through. */
  retryAt: number | null;
  totals: { successes: number; failures: number; rejected: number; opened: number };
}

/** Settle a permitted call exactly once; later calls are ignored. */
export interface Permit {
  /** Whether this call is the half-open probe. */
  readonly probe: boolean;
  success(): void;
  failure(): void;
  /** The call ended without a verdict (e.g. the client left first). */
  release(): void;
}

/** A permit as an object with methods: no closures per call. */
class BreakerPermit implements Permit {
  readonly #verdict: (probe: boolean, failed: boolean | null) => void;
  readonly probe: boolean;
  #settled = false;

  constructor(verdict: (probe: boolean, failed: boolean | null) => void, probe: boolean) {
    this.#verdict = verdict;
    this.probe = probe;
  }

  success(): void {
    this.#settle(false);
  }

  failure(): void {
    this.#settle(true);
  }

  release(): void {
    this.#settle(null);
  }

  #settle(failed: boolean | null): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#verdict(this.probe, failed);
  }
}

/** One target's breaker. */
export class CircuitBreaker {
  readonly name: string;
  readonly #o: Required<Omit<BreakerOptions, 'onStateChange'>> & Pick<BreakerOptions, 'onStateChange'>;
  readonly #window: SlidingWindow;
  #state: BreakerState = 'closed';
  #consecutive = 0;
  #openedAt: number | null = null;
  #probeAt: number | null = null;
  readonly #totals = { successes: 0, failures: 0, rejected: 0, opened: 0 };

  constructor(name: string, opts: BreakerOptions = {}) {
    this.name = name;
    this.#o = { failureThreshold: 5, errorRateThreshold: 0.5, windowMs: 60_000, minimumRequests: 20, openMs: 30_000, now: Date.now, ...opts };
    this.#window = new SlidingWindow(this.#o.windowMs);
  }

  /** The current state; an open circuit whose timeout passed reads as half-open. */
  get state(): BreakerState {
    if (this.#state === 'open' && this.#o.now() - (this.#openedAt ?? 0) >= this.#o.openMs) this.#move('half_open');
    return this.#state;
  }

  /** Ask to make a call: a Permit, or null when the circuit is open (or the probe is taken). */
  acquire(): Permit | null {
    const state = this.state;
    const now = this.#o.now();
    // A probe that never settled (a lost caller) must not wedge the breaker half-open forever.
    const probeFree = this.#probeAt === null || now - this.#probeAt >= this.#o.openMs;
    if (state === 'open' || (state === 'half_open' && !probeFree)) {
      this.#totals.rejected++;
      return null;
    }
    const probe = state === 'half_open';
    if (probe) this.#probeAt = now;
    return new BreakerPermit(this.#settle, probe);
  }

  /** A permit's verdict (`null`: released without one); called once per permit. One closure per breaker. */
  readonly #settle = (probe: boolean, failed: boolean | null): void => {
    if (probe) this.#probeAt = null;
    if (failed === true) this.#failure(probe);
    else if (failed === false) this.#success(probe);
  };

  /** Counters and state for /health and metrics. */
  snapshot(): BreakerSnapshot {
    const state = this.state;
    const { requests, failures } = this.#window.counts(this.#o.now());
    return {
      name: this.name,
      state,
      consecutiveFailures: this.#consecutive,
      window: { requests, failures, errorRate: requests ? failures / requests : 0 },
      openedAt: this.#openedAt,
      retryAt: state === 'open' && this.#openedAt !== null ? this.#openedAt + this.#o.openMs : null,
      totals: { ...this.#totals },
    };
  }

  #success(probe: boolean): void {
    this.#totals.successes++;
    this.#consecutive = 0;
    this.#window.record(this.#o.now(), false);
    if (probe && this.#state === 'half_open') {
      this.#window.clear(); // old failures must not re-open a circuit that just proved healthy
      this.#move('closed');
    }
  }

  #failure(probe: boolean): void {
    const now = this.#o.now();
    this.#totals.failures++;
    this.#consecutive++;
    this.#window.record(now, true);
    if (probe && this.#state === 'half_open') return this.#open(now);
    if (this.#state !== 'closed') return;
    const { requests, failures } = this.#window.counts(now);
    const rateTripped = requests >= this.#o.minimumRequests && failures / requests >= this.#o.errorRateThreshold;
    if (this.#consecutive >= this.#o.failureThreshold || rateTripped) this.#open(now);
  }

  #open(now: number): void {
    this.#openedAt = now;
    this.#totals.opened++;
    this.#move('open');
  }

  #move(to: BreakerState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.#o.onStateChange?.(this.name, from, to);
  }
}

/** The breakers of all targets, created on first use with shared options; feeds /health. */
export class BreakerBoard {
  readonly #opts: BreakerOptions;
  readonly #breakers = new Map<string, CircuitBreaker>();

  constructor(opts: BreakerOptions = {}) {
    this.#opts = opts;
  }

  /** The breaker for `target`, created on first use. */
  get(target: string): CircuitBreaker {
    let b = this.#breakers.get(target);
    if (!b) this.#breakers.set(target, (b = new CircuitBreaker(target, this.#opts)));
    return b;
  }

  /** Every breaker's snapshot, in creation order. */
  snapshot(): BreakerSnapshot[] {
    return [...this.#breakers.values()].map((b) => b.snapshot());
  }
}
