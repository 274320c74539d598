/**
 * Brute-force protection for console-style sign-in (password, then MFA): per user, consecutive
 * failures lead to a lockout whose length doubles while failures go on; per source (an IP
 * address), failures within a sliding window throttle that source whatever user it tries. Pure
 * and clock-injected; state lives in this object (one per process: in a distributed deployment a
 * user's attempts should be routed to one instance, or the counts kept elsewhere).
 *
 * Use: `check` before verifying anything (a locked-out user is refused even with the right
 * password, so the lockout is no oracle), then `recordFailure` or `recordSuccess`. When
 * `recordFailure` answers `lockedOut: true`, the caller records the lockout event.
 *
 * Trade-off, stated: anyone can lock a user out by failing on purpose. The doubling is capped
 * (`maxLockoutMs`) and a success after the lockout resets everything.
 */
export interface SignInLimiterOptions {
  /** Consecutive failures of one user that start a lockout (default 5). */
  readonly lockoutThreshold: number;
  /** The first lockout's length; each further one doubles, up to maxLockoutMs (default 15 min). */
  readonly lockoutMs: number;
  readonly maxLockoutMs: number;
  /** A user's consecutive-failure count is forgotten this long after its last failure (default 24 h). */
  readonly forgetAfterMs: number;
  /** Failures from one source allowed within sourceWindowMs (default 20 per 15 min). */
  readonly maxFailuresPerSource: number;
  readonly sourceWindowMs: number;
  /** Bound on tracked users and sources each; stale entries go first (default 100,000). */
  readonly maxTrackedEntries: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimiterOptions = {
  lockoutThreshold: 5,
  lockoutMs: 15 * 60_000,
  maxLockoutMs: 24 * 3_600_000,
  forgetAfterMs: 24 * 3_600_000,
  maxFailuresPerSource: 20,
  sourceWindowMs: 15 * 60_000,
  maxTrackedEntries: 100_000,
};

export type SignInDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason: 'UserLockedOut' | 'SourceThrottled';
      /** When the attempt may be retried, ms from now. */
      readonly retryAfterMs: number;
    };

export type FailureOutcome =
  | { readonly lockedOut: false; readonly consecutiveFailures: number }
  /** This failure started a lockout: the caller emits the lockout event. */
  | {
      readonly lockedOut: true;
      readonly consecutiveFailures: number;
      readonly lockedUntil: number;
    };

interface UserState {
  consecutiveFailures: number;
  lastFailureAt: number;
  lockedUntil: number;
  lockouts: number;
}

export class SignInLimiter {
  private readonly options: SignInLimiterOptions;
  private readonly users = new Map<string, UserState>();
  /** Failure times per source, oldest first, at most maxFailuresPerSource kept. */
  private readonly sources = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    options: Partial<SignInLimiterOptions> = {},
  ) {
    this.options = { ...DEFAULT_SIGN_IN_LIMITS, ...options };
    for (const [name, value] of Object.entries(this.options)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`SignInLimiter: ${name} must be a positive integer`);
      }
    }
  }

  /** May this user try to sign in from this source now? Records nothing. */
  check(user: string, source: string): SignInDecision {
    const now = this.now();
    const state = this.currentUser(user, now);
    if (state && state.lockedUntil > now) {
      return { allowed: false, reason: 'UserLockedOut', retryAfterMs: state.lockedUntil - now };
    }
    const failures = this.currentSource(source, now);
    if (failures && failures.length >= this.options.maxFailuresPerSource) {
      return {
        allowed: false,
        reason: 'SourceThrottled',
        retryAfterMs: failures[0] + this.options.sourceWindowMs - now,
      };
    }
    return { allowed: true };
  }

  recordFailure(user: string, source: string): FailureOutcome {
    const now = this.now();
    const failures = this.currentSource(source, now) ?? [];
    failures.push(now);
    if (failures.length > this.options.maxFailuresPerSource) failures.shift();
    this.remember(this.sources, source, failures, now);

    const state = this.currentUser(user, now) ?? {
      consecutiveFailures: 0,
      lastFailureAt: now,
      lockedUntil: 0,
      lockouts: 0,
    };
    state.consecutiveFailures += 1;
    state.lastFailureAt = now;
    this.remember(this.users, user, state, now);
    // Past the threshold, every failure after a lockout has ended locks again, for twice as long:
    // a patient guesser gets one try per (growing) lockout period, not `threshold` tries.
    if (state.consecutiveFailures >= this.options.lockoutThreshold && state.lockedUntil <= now) {
      const length = Math.min(
        this.options.lockoutMs * 2 ** state.lockouts,
        this.options.maxLockoutMs,
      );
      state.lockouts += 1;
      state.lockedUntil = now + length;
      return {
        lockedOut: true,
        consecutiveFailures: state.consecutiveFailures,
        lockedUntil: state.lockedUntil,
      };
    }
    return { lockedOut: false, consecutiveFailures: state.consecutiveFailures };
  }

  /** A successful sign-in clears the user's failures and lockout history; the source's stay. */
  recordSuccess(user: string): void {
    this.users.delete(user);
  }

  /** Number of users and sources tracked (for metrics and tests). */
  get tracked(): { users: number; sources: number } {
    return { users: this.users.size, sources: this.sources.size };
  }

  /** Drops everything that no longer affects a decision. Call now and then (e.g. every minute). */
  prune(): void {
    const now = this.now();
    for (const user of [...this.users.keys()]) this.currentUser(user, now);
    for (const source of [...this.sources.keys()]) this.currentSource(source, now);
  }

  /** The user's state, after forgetting it if it has gone stale. */
  private currentUser(user: string, now: number): UserState | undefined {
    const state = this.users.get(user);
    if (state && this.userIsStale(state, now)) {
      this.users.delete(user);
      return undefined;
    }
    return state;
  }

  private userIsStale(state: UserState, now: number): boolean {
    return state.lockedUntil <= now && now - state.lastFailureAt >= this.options.forgetAfterMs;
  }

  /** The source's failures still inside the window (older ones dropped). */
  private currentSource(source: string, now: number): number[] | undefined {
    const failures = this.sources.get(source);
    if (!failures) return undefined;
    const windowStart = now - this.options.sourceWindowMs;
    while (failures.length > 0 && failures[0] <= windowStart) failures.shift();
    if (failures.length === 0) {
      this.sources.delete(source);
      return undefined;
    }
    return failures;
  }

  /**
   * Stores an entry, keeping the map within maxTrackedEntries by dropping the least recently
   * touched entry that is not a running lockout, so flooding the limiter with made-up names cannot
   * push a real lockout out. (Map order is insertion order; entries are re-inserted when touched.)
   */
  private remember<V>(map: Map<string, V>, key: string, value: V, now: number): void {
    map.delete(key);
    if (map.size >= this.options.maxTrackedEntries) {
      let victim: string | undefined;
      for (const [candidate, entry] of map) {
        const lockedUntil = (entry as Partial<UserState>).lockedUntil;
        if (lockedUntil === undefined || lockedUntil <= now) {
          victim = candidate;
          break;
        }
      }
      map.delete(victim ?? (map.keys().next().value as string));
    }
    map.set(key, value);
  }
}
