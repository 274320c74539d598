import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { KeyRing } from './key-ring';

/**
 * Public-key encryption for callers that hold no key-encryption key (a Kafka client): an X25519
 * "sealed box". The sender makes an ephemeral X25519 key pair, agrees a shared secret with the
 * recipient's public key (ECDH), derives an AES-256 key with HKDF-SHA256 (salt = ephemeral public
 * || recipient public, info `portcullis/sealed-box/v1`) and encrypts with AES-256-GCM, the
 * caller's associated data (what the secret is bound to) authenticated with it.
 *
 * Wire format: `psb1.<ephemeral public, raw 32 bytes>.<iv, 12 bytes>.<ciphertext+tag>`, each
 * field base64url without padding. Keys are base64url of their raw 32 bytes.
 */
export const SEALED_BOX_PREFIX = 'psb1';
export const SEALED_BOX_ALGORITHM = 'X25519-HKDF-SHA256-AES256GCM';
const HKDF_INFO = 'portcullis/sealed-box/v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const RAW_KEY = /^[A-Za-z0-9_-]{43}$/;

export interface SealedBoxKeyPair {
  /** base64url of the raw 32-byte X25519 public key. */
  readonly publicKey: string;
  /** base64url of the raw 32-byte X25519 private key (scalar). */
  readonly privateKey: string;
}

/** A sealed box that does not open: malformed, tampered, another key or other associated data. */
export class SealedBoxError extends Error {
  readonly code = 'SealedBoxError';
  constructor(message: string) {
    super(message);
    this.name = 'SealedBoxError';
  }
}

function rawKey(encoded: string, what: string): Buffer {
  if (!RAW_KEY.test(encoded)) throw new SealedBoxError(`${what} must be base64url of 32 bytes`);
  const raw = Buffer.from(encoded, 'base64url');
  if (raw.length !== KEY_BYTES) throw new SealedBoxError(`${what} must be 32 bytes`);
  return raw;
}

const privateKeyObject = (raw: Buffer): KeyObject =>
  createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });

const publicKeyObject = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, raw]), format: 'der', type: 'spki' });

const rawPublicOf = (key: KeyObject): Buffer =>
  (createPublicKey(key).export({ format: 'der', type: 'spki' }) as Buffer).subarray(-KEY_BYTES);

const rawPrivateOf = (key: KeyObject): Buffer =>
  (key.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(-KEY_BYTES);

function boxKey(
  privateKey: KeyObject,
  publicKey: KeyObject,
  ephemeralPublic: Buffer,
  recipientPublic: Buffer,
): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  return Buffer.from(
    hkdfSync(
      'sha256',
      shared,
      Buffer.concat([ephemeralPublic, recipientPublic]),
      HKDF_INFO,
      KEY_BYTES,
    ),
  );
}

/** A fresh random X25519 key pair. */
export function generateSealedBoxKeyPair(): SealedBoxKeyPair {
  const { privateKey } = generateKeyPairSync('x25519');
  return sealedBoxKeyPairFrom(rawPrivateOf(privateKey));
}

/** The key pair whose private scalar is `raw` (32 bytes; X25519 clamps it). */
export function sealedBoxKeyPairFrom(raw: Buffer): SealedBoxKeyPair {
  if (raw.length !== KEY_BYTES) throw new SealedBoxError('a private key is 32 bytes');
  const key = privateKeyObject(raw);
  return {
    publicKey: rawPublicOf(key).toString('base64url'),
    privateKey: Buffer.from(raw).toString('base64url'),
  };
}

/** Encrypts `plaintext` to the holder of `publicKey`'s private key, bound to `associatedData`. */
export function sealTo(publicKey: string, plaintext: string, associatedData: string): string {
  const recipientRaw = rawKey(publicKey, 'the public key');
  const recipient = publicKeyObject(recipientRaw);
  const { privateKey: ephemeral } = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicOf(ephemeral);
  const key = boxKey(ephemeral, recipient, ephemeralRaw, recipientRaw);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return [SEALED_BOX_PREFIX, ephemeralRaw, iv, body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens a sealed box with the recipient's private key; throws SealedBoxError if it does not. */
export function openWith(privateKey: string, sealed: string, associatedData: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== SEALED_BOX_PREFIX) {
    throw new SealedBoxError(`not a sealed box (${SEALED_BOX_PREFIX}.<key>.<iv>.<ciphertext>)`);
  }
  const ephemeralRaw = rawKey(parts[1], 'the ephemeral key');
  const iv = Buffer.from(parts[2], 'base64url');
  const body = Buffer.from(parts[3], 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new SealedBoxError('the sealed box is truncated');
  }
  const recipientPrivate = privateKeyObject(rawKey(privateKey, 'the private key'));
  try {
    // A low-order ephemeral key makes the agreement itself fail: the same answer as a bad tag.
    const key = boxKey(
      recipientPrivate,
      publicKeyObject(ephemeralRaw),
      ephemeralRaw,
      rawPublicOf(recipientPrivate),
    );
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SealedBoxError('the sealed box does not open (tampered, other key or binding)');
  }
}

export interface ServiceSealedBoxKey extends SealedBoxKeyPair {
  /** The key-encryption key it derives from; senders prefix their box with it. */
  readonly keyId: string;
}

const SEALED_BOX_PURPOSE = 'sealed-box';

/**
 * The service's own X25519 key pair for key-encryption key `keyId` (default: the current one):
 * derived (HKDF, purpose `sealed-box`) from the KEK, so every instance sharing the ring has it,
 * nothing is stored, and rotating the ring rotates it. Undefined for a key id not in the ring.
 */
export function serviceSealedBoxKey(ring: KeyRing): ServiceSealedBoxKey;
export function serviceSealedBoxKey(ring: KeyRing, keyId: string): ServiceSealedBoxKey | undefined;
export function serviceSealedBoxKey(
  ring: KeyRing,
  keyId: string = ring.current.id,
): ServiceSealedBoxKey | undefined {
  const scalar = ring.subkey(keyId, SEALED_BOX_PURPOSE);
  return scalar ? { keyId, ...sealedBoxKeyPairFrom(scalar) } : undefined;
}

/** `<keyId>:psb1.…`: a box sealed to the service's key of `keyId`. */
export function sealToService(
  key: Pick<ServiceSealedBoxKey, 'keyId' | 'publicKey'>,
  plaintext: string,
  associatedData: string,
): string {
  return `${key.keyId}:${sealTo(key.publicKey, plaintext, associatedData)}`;
}

/** Opens `<keyId>:psb1.…` with the service key of that key id; throws SealedBoxError if not. */
export function openSealedToService(ring: KeyRing, sealed: string, associatedData: string): string {
  const colon = sealed.indexOf(':');
  const key = colon > 0 ? serviceSealedBoxKey(ring, sealed.slice(0, colon)) : undefined;
  if (!key) throw new SealedBoxError('the box names no key id of this service');
  return openWith(key.privateKey, sealed.slice(colon + 1), associatedData);
}
