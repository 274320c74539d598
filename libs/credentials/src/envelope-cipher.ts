import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';

/**
 * AES-256-GCM sealing of small secrets under the key ring, as a compact string that can be stored
 * in an event or a document: `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url fields).
 *
 * Associated data binds a ciphertext to its context (e.g. owner ARN + purpose + key id): the same
 * ciphertext presented for another user or another purpose fails to open, so a sealed secret
 * cannot be copied from one user's record to another's. The version and key id are
 * authenticated too.
 */
export type EnvelopeErrorCode = 'MalformedCiphertext' | 'UnknownKey' | 'DecryptionFailed';

/** Why a sealed value did not open. Never carries plaintext, key material or the ciphertext. */
export class EnvelopeError extends Error {
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12; // GCM's native nonce size: no GHASH of the IV, 2^32 random IVs per key
const TAG_BYTES = 16;
const ERROR_MESSAGES: Readonly<Record<EnvelopeErrorCode, string>> = {
  MalformedCiphertext: 'sealed value is malformed',
  UnknownKey: 'sealed value names a key-encryption key that is not in the key ring',
  DecryptionFailed: 'sealed value failed authentication',
};
const SEALED_PATTERN = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

export interface EnvelopeCipherOptions {
  /**
   * What this cipher seals (`secret-at-rest`, `session-token`, …): each purpose encrypts under its
   * own key derived from the configured KEKs.
   */
  readonly purpose?: string;
}

export class EnvelopeCipher {
  private readonly purpose: string;

  constructor(
    private readonly ring: KeyRing,
    options: EnvelopeCipherOptions = {},
  ) {
    this.purpose = options.purpose ?? 'secret-at-rest';
  }

  seal(plaintext: Buffer | string, associatedData: string | Buffer): string {
    const keyId = this.ring.current.id;
    const key = this.ring.subkey(keyId, this.purpose) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(fullAssociatedData(keyId, associatedData));
    const body = Buffer.concat([
      cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${VERSION}.${keyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string, associatedData: string | Buffer): Buffer {
    const opened = this.tryOpen(sealed, associatedData);
    if (typeof opened === 'string') throw new EnvelopeError(opened, ERROR_MESSAGES[opened]);
    return opened;
  }

  /**
   * `open` without exceptions for the expected failures, for hot paths that see hostile input
   * (session tokens): building and throwing an Error costs more than the decryption itself.
   */
  tryOpen(sealed: string, associatedData: string | Buffer): Buffer | EnvelopeErrorCode {
    const match = SEALED_PATTERN.exec(sealed);
    if (!match) return 'MalformedCiphertext';
    const [, keyId, ivText, bodyText] = match;
    const key = this.ring.subkey(keyId, this.purpose);
    if (!key) return 'UnknownKey';
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < TAG_BYTES) return 'MalformedCiphertext';
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(fullAssociatedData(keyId, associatedData));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plaintext = decipher.update(body.subarray(0, body.length - TAG_BYTES));
    try {
      decipher.final();
    } catch {
      // Tampered ciphertext, wrong associated data and a wrong key are indistinguishable by design.
      plaintext.fill(0);
      return 'DecryptionFailed';
    }
    return plaintext;
  }

  openString(sealed: string, associatedData: string | Buffer): string {
    return this.open(sealed, associatedData).toString('utf8');
  }

  /** True when `sealed` is under a key other than the current one (rotation: re-wrap it). */
  needsRewrap(sealed: string): boolean {
    return sealedKeyId(sealed) !== this.ring.current.id;
  }

  /** Opens and re-seals under the current key; the plaintext never leaves this method. */
  rewrap(sealed: string, associatedData: string | Buffer): string {
    const plaintext = this.open(sealed, associatedData);
    try {
      return this.seal(plaintext, associatedData);
    } finally {
      plaintext.fill(0);
    }
  }
}

/** The key id a sealed value names (no decryption), or throws MalformedCiphertext. */
export function sealedKeyId(sealed: string): string {
  const match = SEALED_PATTERN.exec(sealed);
  if (!match) throw new EnvelopeError('MalformedCiphertext', 'sealed value is malformed');
  return match[1];
}

/**
 * Unambiguous associated data from parts: each part is length-prefixed, so ('a:b', 'c') and
 * ('a', 'b:c') differ. Use it as `associatedData('access-key-secret', userArn, accessKeyId)`.
 */
export function associatedData(...parts: readonly string[]): Buffer {
  return Buffer.concat(
    parts.flatMap((part) => {
      const bytes = Buffer.from(part, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return [length, bytes];
    }),
  );
}

function fullAssociatedData(keyId: string, callerData: string | Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${VERSION}.${keyId}.`, 'utf8'),
    typeof callerData === 'string' ? Buffer.from(callerData, 'utf8') : callerData,
  ]);
}
