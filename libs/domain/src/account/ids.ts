/**
 * AWS-shaped unique ids: a 4-letter prefix naming the entity type and 17 base32-ish characters.
 * The randomness is injected so the domain stays pure and tests deterministic.
 */
export type RandomSource = (bytes: number) => Uint8Array;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function awsUniqueId(
  prefix: 'AIDA' | 'AGPA' | 'AROA' | 'ANPA',
  random: RandomSource,
): string {
  const bytes = random(17);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}
