import { Secret } from 'otpauth';
import {
  generateTotpSeed,
  totpCode,
  totpStep,
  totpUri,
  verifyConsecutiveTotp,
  verifyTotp,
} from './totp';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890".
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP codes', () => {
  it('is the RFC seed in base32', () => {
    expect(Secret.fromBase32(RFC_SEED).latin1).toBe('12345678901234567890');
  });

  it.each(RFC_VECTORS)('match RFC 6238 at T=%i (8 digits: %s)', (seconds, code) => {
    expect(totpCode(RFC_SEED, seconds * 1000, 8)).toBe(code);
    // 6-digit codes are the same value mod 10^6: the last six digits.
    expect(totpCode(RFC_SEED, seconds * 1000)).toBe(code.slice(-6));
  });

  it('count 30-second steps from the Unix epoch', () => {
    expect(totpStep(0)).toBe(0);
    expect(totpStep(29_999)).toBe(0);
    expect(totpStep(30_000)).toBe(1);
    expect(totpStep(1111111109_000)).toBe(0x23523ec);
  });
});

describe('generateTotpSeed', () => {
  it('is 160 random bits in base32', () => {
    const seed = generateTotpSeed();
    expect(seed).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(seed).bytes).toHaveLength(20);
    expect(generateTotpSeed()).not.toBe(seed);
  });
});

describe('totpUri', () => {
  it('is an otpauth://totp URI with issuer, label and secret, escaped', () => {
    const uri = totpUri(RFC_SEED, { issuer: 'Portcullis', accountName: 'alice@123456789012' });
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Portcullis:alice@123456789012');
    expect(url.searchParams.get('secret')).toBe(RFC_SEED);
    expect(url.searchParams.get('issuer')).toBe('Portcullis');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
  });
});

describe('verifyTotp', () => {
  const t = 1111111111_000; // step 37037037
  const step = totpStep(t);
  const codeAt = (s: number) => totpCode(RFC_SEED, s * 30_000);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(RFC_SEED, '050471', { now: t })).toEqual({ ok: true, step });
  });

  it('tolerates one step of drift either way, and no more', () => {
    expect(verifyTotp(RFC_SEED, codeAt(step - 1), { now: t })).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(verifyTotp(RFC_SEED, codeAt(step + 1), { now: t })).toEqual({
      ok: true,
      step: step + 1,
    });
    expect(verifyTotp(RFC_SEED, codeAt(step - 2), { now: t })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyTotp(RFC_SEED, codeAt(step + 2), { now: t })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyTotp(RFC_SEED, codeAt(step - 2), { now: t, window: 2 })).toEqual({
      ok: true,
      step: step - 2,
    });
  });

  it('refuses a wrong code and anything that is not six digits', () => {
    const wrong = String((Number(codeAt(step)) + 1) % 1_000_000).padStart(6, '0');
    for (const bad of [wrong, '', '05047', '0504711', '05o471', ' 050471', '-50471']) {
      expect(verifyTotp(RFC_SEED, bad, { now: t })).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a replayed code: the step must be after lastUsedStep', () => {
    const first = verifyTotp(RFC_SEED, codeAt(step), { now: t });
    expect(first.ok).toBe(true);
    const lastUsedStep = first.ok ? first.step : -1;
    expect(verifyTotp(RFC_SEED, codeAt(step), { now: t + 5_000, lastUsedStep })).toEqual({
      ok: false,
      reason: 'reused',
    });
    // an earlier code still inside the window is refused too: it would be a replay of an older code
    expect(verifyTotp(RFC_SEED, codeAt(step - 1), { now: t, lastUsedStep })).toEqual({
      ok: false,
      reason: 'reused',
    });
    // the next step's code is fine
    expect(verifyTotp(RFC_SEED, codeAt(step + 1), { now: t + 30_000, lastUsedStep })).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('works with a freshly generated seed', () => {
    const seed = generateTotpSeed();
    const now = Date.now();
    expect(verifyTotp(seed, totpCode(seed, now), { now })).toEqual({
      ok: true,
      step: totpStep(now),
    });
    expect(verifyTotp(seed, totpCode(RFC_SEED, now), { now }).ok).toBe(false);
  });
});

describe('verifyConsecutiveTotp', () => {
  const t = 1234567890_000;
  const step = totpStep(t);
  const codeAt = (s: number) => totpCode(RFC_SEED, s * 30_000);

  it('accepts two consecutive codes (the usual enrolment: previous and current) and returns the later step', () => {
    expect(verifyConsecutiveTotp(RFC_SEED, codeAt(step - 1), codeAt(step), { now: t })).toEqual({
      ok: true,
      step,
    });
    expect(verifyConsecutiveTotp(RFC_SEED, codeAt(step), codeAt(step + 1), { now: t })).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('refuses codes that are not consecutive, reversed, or the same code twice', () => {
    const invalid = { ok: false, reason: 'invalid' };
    expect(verifyConsecutiveTotp(RFC_SEED, codeAt(step - 1), codeAt(step + 1), { now: t })).toEqual(
      invalid,
    );
    expect(verifyConsecutiveTotp(RFC_SEED, codeAt(step), codeAt(step - 1), { now: t })).toEqual(
      invalid,
    );
    expect(verifyConsecutiveTotp(RFC_SEED, codeAt(step), codeAt(step), { now: t })).toEqual(
      invalid,
    );
    expect(verifyConsecutiveTotp(RFC_SEED, '000000', codeAt(step), { now: t })).toEqual(invalid);
  });

  it('refuses a pair outside the window unless the caller widens it (resync of a drifted device)', () => {
    const drifted = step + 5;
    expect(
      verifyConsecutiveTotp(RFC_SEED, codeAt(drifted - 1), codeAt(drifted), { now: t }).ok,
    ).toBe(false);
    expect(
      verifyConsecutiveTotp(RFC_SEED, codeAt(drifted - 1), codeAt(drifted), { now: t, window: 10 }),
    ).toEqual({
      ok: true,
      step: drifted,
    });
  });

  it('refuses a pair whose first code was already used', () => {
    expect(
      verifyConsecutiveTotp(RFC_SEED, codeAt(step - 1), codeAt(step), {
        now: t,
        lastUsedStep: step - 1,
      }),
    ).toEqual({ ok: false, reason: 'reused' });
    expect(
      verifyConsecutiveTotp(RFC_SEED, codeAt(step - 1), codeAt(step), {
        now: t,
        lastUsedStep: step - 2,
      }),
    ).toEqual({ ok: true, step });
  });
});
