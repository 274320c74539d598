import { randomBytes } from 'crypto';
import type { RandomSource } from '@portcullis/domain';

/** Time and randomness, injected so handler specs are deterministic. */
export class Clock {
  now(): Date {
    return new Date();
  }
  readonly random: RandomSource = (n) => randomBytes(n);
}
