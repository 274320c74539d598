import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * Virtual MFA (RFC 6238 TOTP: HMAC-SHA1, 6 digits, 30-second steps: what AWS's virtual MFA and
 * every authenticator app use). The RFC algorithm itself is `otpauth`'s; this module adds what IAM
 * needs around it: seed generation, the enrolment URI, a ±1-step window that reports which step
 * matched, replay refusal (the caller stores the last accepted step and passes it back), and the
 * two-consecutive-codes check of EnableMFADevice / ResyncMFADevice.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const SEED_BYTES = 20; // 160 bits, RFC 4226's recommended HMAC-SHA1 key length (and AWS's)
const CODE_PATTERN = /^\d{6}$/;

/** A fresh 160-bit seed, base32 (what AWS returns as Base32StringSeed and apps accept). */
export function generateTotpSeed(): string {
  return new Secret({ buffer: toArrayBuffer(randomBytes(SEED_BYTES)) }).base32;
}

/**
 * `otpauth://totp/<issuer>:<account>?secret=…&issuer=…` for QR codes (Google's Key Uri Format).
 * Contains the seed: show it once, never log it.
 */
export function totpUri(
  seed: string,
  { issuer, accountName }: { issuer: string; accountName: string },
): string {
  return new TOTP({ issuer, label: accountName, secret: Secret.fromBase32(seed) }).toString();
}

/** The RFC 6238 time step (counter) at `nowMs`. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for the step containing `atMs`; `digits` only for the RFC test vectors. */
export function totpCode(seed: string, atMs: number, digits: number = TOTP_DIGITS): string {
  return TOTP.generate({
    secret: Secret.fromBase32(seed),
    timestamp: atMs,
    digits,
    period: TOTP_PERIOD_SECONDS,
  });
}

export type TotpVerification =
  | { readonly ok: true; readonly step: number }
  /**
   * `reused`: the code is right but its step is not after `lastUsedStep`. Tell the caller
   * apart for auditing; answer the client with the same error as `invalid`.
   */
  | { readonly ok: false; readonly reason: 'invalid' | 'reused' };

export interface TotpVerifyOptions {
  readonly now: number;
  /** The step of the last code this device accepted: codes at or before it are refused. */
  readonly lastUsedStep?: number;
  /** Steps of clock drift tolerated either side of now (default 1: ±30 s, RFC 6238's advice). */
  readonly window?: number;
}

/** Checks one code (sign-in). On success, store the returned `step` as the new `lastUsedStep`. */
export function verifyTotp(
  seed: string,
  code: string,
  options: TotpVerifyOptions,
): TotpVerification {
  const { now, lastUsedStep = -1, window = 1 } = options;
  const current = totpStep(now);
  const step = matchingStep(seed, code, current - window, current + window);
  if (step === null) return { ok: false, reason: 'invalid' };
  if (step <= lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step };
}

/**
 * EnableMFADevice / ResyncMFADevice: `code1` and `code2` must be the codes of two consecutive steps
 * (code2 = code1's step + 1), as AWS requires, with code2's step within `window` of now. Resync
 * passes a wider window, since its purpose is to re-learn a drifted device clock. On success store
 * the returned `step` (code2's) as `lastUsedStep`.
 */
export function verifyConsecutiveTotp(
  seed: string,
  code1: string,
  code2: string,
  options: TotpVerifyOptions,
): TotpVerification {
  const { now, lastUsedStep = -1, window = 1 } = options;
  const current = totpStep(now);
  const second = matchingStep(seed, code2, current - window, current + window, (step) =>
    sameCode(totpCodeAtStep(seed, step - 1), code1),
  );
  if (second === null) return { ok: false, reason: 'invalid' };
  if (second - 1 <= lastUsedStep) return { ok: false, reason: 'reused' };
  return { ok: true, step: second };
}

/**
 * The step in [from, to] whose code is `code` (and which passes `also`), nearest to the middle
 * first. Every candidate is computed and compared in constant time; no early exit on a match, so
 * timing says nothing about which step (or whether one) matched.
 */
function matchingStep(
  seed: string,
  code: string,
  from: number,
  to: number,
  also: (step: number) => boolean = () => true,
): number | null {
  if (!CODE_PATTERN.test(code)) return null;
  const middle = (from + to) / 2;
  let found: number | null = null;
  for (let step = from; step <= to; step++) {
    if (step < 0) continue;
    const codeMatches = sameCode(totpCodeAtStep(seed, step), code);
    const alsoHolds = also(step); // evaluated either way, for the same reason
    const hit = codeMatches && alsoHolds;
    if (hit && (found === null || Math.abs(step - middle) < Math.abs(found - middle))) found = step;
  }
  return found;
}

function totpCodeAtStep(seed: string, step: number): string {
  return totpCode(seed, step * TOTP_PERIOD_SECONDS * 1000);
}

function sameCode(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
