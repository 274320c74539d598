/**
 * AWS-shaped unique ids: a 4-letter prefix naming the entity type and 17 base32-ish characters.
 * The randomness is injected so the domain stays pure and tests deterministic.
 */
export type RandomSource = (bytes: number) => Uint8Array;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type UniqueIdPrefix = 'AIDA' | 'AGPA' | 'AROA' | 'ANPA';

export function awsUniqueId(prefix: UniqueIdPrefix, random: RandomSource): string {
  const bytes = random(17);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** A 12-digit AWS account id. */
export function generateAccountId(random: RandomSource): string {
  let out = '';
  for (const b of random(12)) out += String(b % 10);
  return out;
}
