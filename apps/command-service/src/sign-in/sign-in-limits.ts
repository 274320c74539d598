import { DEFAULT_SIGN_IN_LIMITS, type SignInLimiterOptions } from '@portcullis/credentials';

/**
 * The sign-in limiter's settings from the environment (durations in seconds), each a positive
 * integer; unset: SignInLimiter's defaults. A malformed value stops the start with its name.
 */
export const SIGN_IN_LIMIT_ENV: Readonly<
  Record<keyof SignInLimiterOptions, { name: string; unit: 'count' | 'seconds' }>
> = {
  lockoutThreshold: { name: 'IAM_SIGN_IN_LOCKOUT_THRESHOLD', unit: 'count' },
  lockoutMs: { name: 'IAM_SIGN_IN_LOCKOUT_SECONDS', unit: 'seconds' },
  maxLockoutMs: { name: 'IAM_SIGN_IN_MAX_LOCKOUT_SECONDS', unit: 'seconds' },
  forgetAfterMs: { name: 'IAM_SIGN_IN_FORGET_FAILURES_AFTER_SECONDS', unit: 'seconds' },
  maxFailuresPerSource: { name: 'IAM_SIGN_IN_MAX_FAILURES_PER_SOURCE', unit: 'count' },
  sourceWindowMs: { name: 'IAM_SIGN_IN_SOURCE_WINDOW_SECONDS', unit: 'seconds' },
  maxTrackedEntries: { name: 'IAM_SIGN_IN_MAX_TRACKED', unit: 'count' },
};

export function signInLimitsFromEnv(env: NodeJS.ProcessEnv): SignInLimiterOptions {
  const limits: { -readonly [K in keyof SignInLimiterOptions]: number } = {
    ...DEFAULT_SIGN_IN_LIMITS,
  };
  for (const option of Object.keys(SIGN_IN_LIMIT_ENV) as (keyof SignInLimiterOptions)[]) {
    const { name, unit } = SIGN_IN_LIMIT_ENV[option];
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || !Number.isSafeInteger(value)) {
      throw new Error(
        `${name} must be a positive integer${unit === 'seconds' ? ' (seconds)' : ''}`,
      );
    }
    limits[option] = unit === 'seconds' ? value * 1000 : value;
  }
  return limits;
}
