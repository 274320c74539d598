import { randomBytes } from 'node:crypto';

/**
 * Access key ids and secret access keys in AWS's shapes, so SDKs, the CLI and people reading logs
 * recognise them: `AKIA…` for long-term keys, `ASIA…` for temporary ones, then 16 characters of
 * RFC 4648 base32 (80 random bits); secrets are 40 characters of `[A-Za-z0-9/+]` (240 bits).
 */
export type AccessKeyKind = 'long-term' | 'temporary';

/** Returns `n` cryptographically random bytes; injectable so tests can be deterministic. */
export type RandomBytes = (n: number) => Uint8Array;

export const ACCESS_KEY_ID_PREFIXES: Readonly<Record<AccessKeyKind, string>> = {
  'long-term': 'AKIA',
  temporary: 'ASIA',
};

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCESS_KEY_ID_PATTERN = /^(AKIA|ASIA)[A-Z2-7]{16}$/;
const SECRET_ACCESS_KEY_PATTERN = /^[A-Za-z0-9/+]{40}$/;

export function generateAccessKeyId(
  kind: AccessKeyKind,
  random: RandomBytes = randomBytes,
): string {
  // 10 bytes = 80 bits = exactly 16 base32 digits: no modulo bias, no padding.
  return ACCESS_KEY_ID_PREFIXES[kind] + base32(random(10));
}

export function generateSecretAccessKey(random: RandomBytes = randomBytes): string {
  // 30 bytes encode to exactly 40 base64 characters without '=' padding, and the standard base64
  // alphabet is AWS's secret alphabet.
  return Buffer.from(random(30)).toString('base64');
}

export function isAccessKeyId(value: string): boolean {
  return ACCESS_KEY_ID_PATTERN.test(value);
}

export function isSecretAccessKey(value: string): boolean {
  return SECRET_ACCESS_KEY_PATTERN.test(value);
}

/** The kind an id's prefix announces, or null when it is not an access key id of ours. */
export function accessKeyKindOf(accessKeyId: string): AccessKeyKind | null {
  if (!isAccessKeyId(accessKeyId)) return null;
  return accessKeyId.startsWith(ACCESS_KEY_ID_PREFIXES.temporary) ? 'temporary' : 'long-term';
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
