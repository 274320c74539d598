import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard) from node:crypto, stored as a PHC string:
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (standard base64 without padding, as the PHC format says).
 * The parameters travel with each hash, so raising them later only makes new hashes stronger and
 * `needsRehash` tells the caller to re-hash at the next successful sign-in.
 */
export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. Memory used is 128 · r · 2^ln bytes (ln=15, r=8 → 32 MiB). */
  readonly ln: number;
  /** Block size. */
  readonly r: number;
  /** Parallelism. */
  readonly p: number;
}

/**
 * Measured on the 2-core development machine (Node 20, scryptSync, 15 runs each, machine under
 * other load): ln=14 → 39 ms min / 72 ms median; ln=15 → 96 ms min / 163 ms median; ln=16 → 240 ms
 * min; ln=17 → 530 ms min. ln=15 is ~100 ms uncontended: the top of the 50-100 ms budget, and
 * 32 MiB per hash (libuv runs at most 4 at once, so 128 MiB at worst).
 */
export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Bounds on what verify() will run: a corrupted or hostile stored string must not make us allocate
// gigabytes or spin for minutes.
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16], hashBytes: [16, 64] } as const;
const PHC_PATTERN =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]{22,})$/;

/** A stored hash that is not a PHC scrypt string we can verify: a data problem, not a wrong password. */
export class PasswordHashFormatError extends Error {
  readonly code = 'PasswordHashFormatError';
  constructor() {
    super('stored password hash is not a supported $scrypt$ PHC string');
    this.name = 'PasswordHashFormatError';
  }
}

interface ParsedHash {
  readonly params: ScryptParameters;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/**
 * Longest input we hash. AWS passwords are at most 128 characters; the bound only keeps a
 * multi-megabyte "password" from costing more than a normal one.
 */
export const MAX_HASHED_PASSWORD_LENGTH = 1024;

export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly params: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS) {
    assertWithinLimits(params);
  }

  async hash(password: string): Promise<string> {
    if (password.length > MAX_HASHED_PASSWORD_LENGTH) {
      throw new RangeError(`passwords are hashed up to ${MAX_HASHED_PASSWORD_LENGTH} characters`);
    }
    const salt = randomBytes(SALT_BYTES);
    const hash = await derive(password, salt, this.params, HASH_BYTES);
    return formatPhc(this.params, salt, hash);
  }

  /** True when `password` matches `stored`. Timing-safe comparison; throws only on a malformed `stored`. */
  async verify(password: string, stored: string): Promise<boolean> {
    const { params, salt, hash } = parsePhc(stored);
    if (password.length > MAX_HASHED_PASSWORD_LENGTH) return false;
    const candidate = await derive(password, salt, params, hash.length);
    return timingSafeEqual(candidate, hash);
  }

  /**
   * For a sign-in naming a user that does not exist (or has no password): spends the same time as
   * a real verification and answers false, so response times do not tell which user names exist.
   */
  async verifyUnknownUser(password: string): Promise<false> {
    this.dummyHash ??= this.hash('portcullis-dummy-password');
    await this.verify(password, await this.dummyHash);
    return false;
  }

  /** True when `stored` was made with other parameters than this hasher's: re-hash after a good sign-in. */
  needsRehash(stored: string): boolean {
    const { params, hash, salt } = parsePhc(stored);
    return (
      params.ln !== this.params.ln ||
      params.r !== this.params.r ||
      params.p !== this.params.p ||
      hash.length !== HASH_BYTES ||
      salt.length !== SALT_BYTES
    );
  }
}

function derive(
  password: string,
  salt: Buffer,
  { ln, r, p }: ScryptParameters,
  length: number,
): Promise<Buffer> {
  const N = 2 ** ln;
  // Node's default maxmem (32 MiB) is exactly ln=15,r=8: allow the need plus headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * r * N + 16 * 1024 * 1024 };
  // NFC so the same password typed on systems that compose accents differently still matches.
  const input = Buffer.from(password.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) =>
    scrypt(input, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function formatPhc({ ln, r, p }: ScryptParameters, salt: Buffer, hash: Buffer): string {
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(hash)}`;
}

function parsePhc(stored: string): ParsedHash {
  const match = PHC_PATTERN.exec(stored);
  if (!match) throw new PasswordHashFormatError();
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const salt = Buffer.from(match[4], 'base64');
  const hash = Buffer.from(match[5], 'base64');
  if (
    !withinLimits(params) ||
    hash.length < LIMITS.hashBytes[0] ||
    hash.length > LIMITS.hashBytes[1]
  ) {
    throw new PasswordHashFormatError();
  }
  return { params, salt, hash };
}

function withinLimits({ ln, r, p }: ScryptParameters): boolean {
  const within = (value: number, [min, max]: readonly [number, number]) =>
    Number.isInteger(value) && value >= min && value <= max;
  return within(ln, LIMITS.ln) && within(r, LIMITS.r) && within(p, LIMITS.p);
}

function assertWithinLimits(params: ScryptParameters): void {
  if (!withinLimits(params)) {
    throw new RangeError(
      `scrypt parameters out of range: ln ${LIMITS.ln.join('-')}, r ${LIMITS.r.join('-')}, p ${LIMITS.p.join('-')}`,
    );
  }
}
