import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';
import {
  generateSealedBoxKeyPair,
  openSealedToService,
  openWith,
  SealedBoxError,
  sealedBoxKeyPairFrom,
  sealTo,
  sealToService,
  serviceSealedBoxKey,
} from './sealed-box';

const WIRE = /^psb1\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/;

/** Replaces one character of a base64url field by another (the box no longer opens). */
const flip = (s: string, at: number) =>
  s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

describe('sealed box (X25519 + HKDF-SHA256 + AES-256-GCM)', () => {
  const alice = generateSealedBoxKeyPair();
  const ad = JSON.stringify({ purpose: 'access-key-secret', userId: 'u1', accessKeyId: 'AKIA1' });

  it('generates raw 32-byte keys as base64url, the public one matching the private one', () => {
    expect(alice.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(alice.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sealedBoxKeyPairFrom(Buffer.from(alice.privateKey, 'base64url'))).toEqual(alice);
    // Interoperates with keys node generated itself (raw halves of its DER encodings).
    const node = generateKeyPairSync('x25519');
    const raw = (der: Buffer) => der.subarray(-32).toString('base64url');
    const publicKey = raw(node.publicKey.export({ format: 'der', type: 'spki' }) as Buffer);
    const privateKey = raw(node.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer);
    expect(openWith(privateKey, sealTo(publicKey, 'interop', 'ad'), 'ad')).toBe('interop');
  });

  it('round-trips, in the documented wire format, a fresh box each time', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const a = sealTo(alice.publicKey, secret, ad);
    const b = sealTo(alice.publicKey, secret, ad);
    expect(a).toMatch(WIRE);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(openWith(alice.privateKey, a, ad)).toBe(secret);
    expect(openWith(alice.privateKey, b, ad)).toBe(secret);
    expect(openWith(alice.privateKey, sealTo(alice.publicKey, '', ad), ad)).toBe('');
    expect(openWith(alice.privateKey, sealTo(alice.publicKey, 'pässwörd✓', ''), '')).toBe(
      'pässwörd✓',
    );
  });

  it('refuses a tampered box (every field)', () => {
    const sealed = sealTo(alice.publicKey, 'secret', ad);
    const [prefix, eph, iv, body] = sealed.split('.');
    for (const tampered of [
      [prefix, flip(eph, 3), iv, body].join('.'),
      [prefix, eph, flip(iv, 2), body].join('.'),
      [prefix, eph, iv, flip(body, 0)].join('.'),
      [prefix, eph, iv, flip(body, body.length - 2)].join('.'),
      [prefix, eph, iv, body.slice(0, 10)].join('.'),
      ['psb2', eph, iv, body].join('.'),
      [prefix, eph, iv].join('.'),
      'garbage',
    ]) {
      expect(() => openWith(alice.privateKey, tampered, ad)).toThrow(SealedBoxError);
    }
  });

  it('refuses the wrong private key and other associated data', () => {
    const sealed = sealTo(alice.publicKey, 'secret', ad);
    const mallory = generateSealedBoxKeyPair();
    expect(() => openWith(mallory.privateKey, sealed, ad)).toThrow(/does not open/);
    expect(() => openWith(alice.privateKey, sealed, `${ad} `)).toThrow(/does not open/);
    expect(() => openWith(alice.privateKey, sealed, '')).toThrow(SealedBoxError);
  });

  it('refuses malformed keys', () => {
    expect(() => sealTo('short', 'x', '')).toThrow(/base64url of 32 bytes/);
    expect(() => openWith('short', sealTo(alice.publicKey, 'x', ''), '')).toThrow(
      /base64url of 32 bytes/,
    );
  });
});

describe('serviceSealedBoxKey', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const b64 = (b: Buffer) => b.toString('base64');

  it('is derived deterministically from the current key-encryption key, per key id', () => {
    const ring = KeyRing.parse(`k1:${b64(k1)}`);
    const again = KeyRing.parse(`k1:${b64(k1)}`);
    const key = serviceSealedBoxKey(ring);
    expect(key.keyId).toBe('k1');
    expect(serviceSealedBoxKey(again)).toEqual(key);
    expect(key.privateKey).not.toBe(k1.toString('base64url')); // a subkey, not the KEK itself
    expect(serviceSealedBoxKey(KeyRing.parse(`k1:${b64(k2)}`)).publicKey).not.toBe(key.publicKey);
  });

  it('follows rotation: the new current key seals, the old key id still opens', () => {
    const before = KeyRing.parse(`k1:${b64(k1)}`);
    const rotated = KeyRing.parse(`k2:${b64(k2)},k1:${b64(k1)}`);
    const old = sealToService(serviceSealedBoxKey(before), 'pw-old', 'ad');
    expect(old.startsWith('k1:psb1.')).toBe(true);
    const current = serviceSealedBoxKey(rotated);
    expect(current.keyId).toBe('k2');
    const fresh = sealToService(current, 'pw-new', 'ad');
    expect(openSealedToService(rotated, old, 'ad')).toBe('pw-old');
    expect(openSealedToService(rotated, fresh, 'ad')).toBe('pw-new');
    expect(serviceSealedBoxKey(rotated, 'k1')).toEqual(serviceSealedBoxKey(before));
    expect(serviceSealedBoxKey(rotated, 'k3')).toBeUndefined();
    // Once k1 is dropped, what was sealed to it no longer opens.
    expect(() => openSealedToService(KeyRing.parse(`k2:${b64(k2)}`), old, 'ad')).toThrow(
      /names no key id/,
    );
    expect(() => openSealedToService(rotated, old.slice(3), 'ad')).toThrow(SealedBoxError);
    expect(() => openSealedToService(rotated, old, 'other')).toThrow(/does not open/);
  });
});
