import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter } from './sign-in-limiter';

const minute = 60_000;

function limiterAt(start = Date.parse('2026-03-14T12:00:00Z'), options = {}) {
  const clock = { now: start };
  const limiter = new SignInLimiter(() => clock.now, options);
  const advance = (ms: number) => (clock.now += ms);
  return { limiter, clock, advance };
}

describe('SignInLimiter: per-user lockout', () => {
  it('allows attempts until the threshold of consecutive failures, then locks out', () => {
    const { limiter, clock } = limiterAt();
    for (let i = 1; i <= 4; i++) {
      expect(limiter.check('123456789012/alice', '198.51.100.7')).toEqual({ allowed: true });
      expect(limiter.recordFailure('123456789012/alice', '198.51.100.7')).toEqual({
        lockedOut: false,
        consecutiveFailures: i,
      });
    }
    expect(limiter.recordFailure('123456789012/alice', '198.51.100.7')).toEqual({
      lockedOut: true,
      consecutiveFailures: 5,
      lockedUntil: clock.now + 15 * minute,
    });
    expect(limiter.check('123456789012/alice', '203.0.113.9')).toEqual({
      allowed: false,
      reason: 'UserLockedOut',
      retryAfterMs: 15 * minute,
    });
    // other users are unaffected
    expect(limiter.check('123456789012/bob', '203.0.113.9')).toEqual({ allowed: true });
  });

  it('reports the lockout once; failures during it do not extend it or report again', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 5; i++) limiter.recordFailure('alice', 'src');
    advance(minute);
    expect(limiter.recordFailure('alice', 'src').lockedOut).toBe(false);
    expect(limiter.check('alice', 'other')).toMatchObject({ retryAfterMs: 14 * minute });
  });

  it('after a lockout, each further failure locks again for twice as long, up to the cap', () => {
    const { limiter, advance } = limiterAt(0, { maxLockoutMs: 60 * minute });
    for (let i = 0; i < 5; i++) limiter.recordFailure('alice', `src-${i}`);
    const lengths: number[] = [];
    for (let round = 0; round < 4; round++) {
      const decision = limiter.check('alice', 'x');
      if (decision.allowed) throw new Error('expected a lockout');
      advance(decision.retryAfterMs);
      expect(limiter.check('alice', 'x')).toEqual({ allowed: true });
      const outcome = limiter.recordFailure('alice', `later-${round}`);
      expect(outcome.lockedOut).toBe(true);
      const after = limiter.check('alice', 'x');
      lengths.push(after.allowed ? 0 : after.retryAfterMs);
    }
    expect(lengths).toEqual([30 * minute, 60 * minute, 60 * minute, 60 * minute]);
  });

  it('a success resets the count and the lockout history', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 4; i++) limiter.recordFailure('alice', 'src');
    limiter.recordSuccess('alice');
    expect(limiter.recordFailure('alice', 'src').consecutiveFailures).toBe(1);
    for (let i = 0; i < 4; i++) limiter.recordFailure('alice', 'src');
    advance(15 * minute);
    limiter.recordSuccess('alice');
    for (let i = 0; i < 4; i++)
      expect(limiter.recordFailure('alice', `s${i}`).lockedOut).toBe(false);
    const outcome = limiter.recordFailure('alice', 'sx');
    expect(outcome).toMatchObject({ lockedOut: true });
    expect(limiter.check('alice', 'y')).toMatchObject({ retryAfterMs: 15 * minute }); // not doubled
  });

  it('forgets old failures after forgetAfterMs', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 4; i++) limiter.recordFailure('alice', `s${i}`);
    advance(DEFAULT_SIGN_IN_LIMITS.forgetAfterMs);
    expect(limiter.recordFailure('alice', 'sx')).toEqual({
      lockedOut: false,
      consecutiveFailures: 1,
    });
  });
});

describe('SignInLimiter: per-source throttling', () => {
  it('throttles a source after its failures in the window, across users, until the oldest ages out', () => {
    const { limiter, advance } = limiterAt(0, {
      maxFailuresPerSource: 3,
      sourceWindowMs: 10 * minute,
    });
    limiter.recordFailure('alice', 'evil');
    advance(minute);
    limiter.recordFailure('bob', 'evil');
    advance(minute);
    limiter.recordFailure('carol', 'evil');
    expect(limiter.check('dave', 'evil')).toEqual({
      allowed: false,
      reason: 'SourceThrottled',
      retryAfterMs: 8 * minute,
    });
    expect(limiter.check('dave', 'elsewhere')).toEqual({ allowed: true });
    advance(8 * minute);
    expect(limiter.check('dave', 'evil')).toEqual({ allowed: true });
  });

  it('a success does not clear the source’s failures (one valid account must not reset a spray)', () => {
    const { limiter } = limiterAt(0, { maxFailuresPerSource: 2 });
    limiter.recordFailure('alice', 'evil');
    limiter.recordFailure('bob', 'evil');
    limiter.recordSuccess('mallory');
    expect(limiter.check('carol', 'evil')).toMatchObject({
      allowed: false,
      reason: 'SourceThrottled',
    });
  });

  it('reports the user lockout first when both apply', () => {
    const { limiter } = limiterAt(0, { maxFailuresPerSource: 5 });
    for (let i = 0; i < 5; i++) limiter.recordFailure('alice', 'evil');
    expect(limiter.check('alice', 'evil')).toMatchObject({ reason: 'UserLockedOut' });
  });
});

describe('SignInLimiter: memory', () => {
  it('prunes entries that no longer matter', () => {
    const { limiter, advance } = limiterAt();
    limiter.recordFailure('alice', 'a');
    limiter.recordFailure('bob', 'b');
    expect(limiter.tracked).toEqual({ users: 2, sources: 2 });
    advance(DEFAULT_SIGN_IN_LIMITS.forgetAfterMs);
    limiter.prune();
    expect(limiter.tracked).toEqual({ users: 0, sources: 0 });
  });

  it('stays within maxTrackedEntries without dropping a running lockout', () => {
    const { limiter } = limiterAt(0, { maxTrackedEntries: 10, lockoutThreshold: 2 });
    limiter.recordFailure('victim', 's');
    limiter.recordFailure('victim', 's');
    for (let i = 0; i < 100; i++) limiter.recordFailure(`made-up-${i}`, `s${i}`);
    expect(limiter.tracked.users).toBe(10);
    expect(limiter.tracked.sources).toBe(10);
    expect(limiter.check('victim', 'new')).toMatchObject({
      allowed: false,
      reason: 'UserLockedOut',
    });
  });

  it('refuses nonsensical options', () => {
    expect(() => new SignInLimiter(() => 0, { lockoutThreshold: 0 })).toThrow(RangeError);
    expect(() => new SignInLimiter(() => 0, { lockoutMs: 1.5 })).toThrow(RangeError);
  });
});
