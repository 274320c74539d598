import { randomBytes } from 'node:crypto';
import {
  formatKeyRingConfig,
  generateKeyEncryptionKey,
  KeyRing,
  KeyRingConfigError,
} from './key-ring';

const b64 = (bytes: Buffer) => bytes.toString('base64');

describe('KeyRing.parse', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('reads id:base64 entries, the first being the current key', () => {
    const ring = KeyRing.parse(`k2:${b64(k2)},k1:${b64(k1)}`);
    expect(ring.current.id).toBe('k2');
    expect(ring.current.key.equals(k2)).toBe(true);
    expect(ring.ids).toEqual(['k2', 'k1']);
    expect(ring.find('k1')?.key.equals(k1)).toBe(true);
    expect(ring.find('k3')).toBeUndefined();
  });

  it('tolerates whitespace, newlines and URL-safe base64 (as a file would hold it)', () => {
    const ring = KeyRing.parse(`\n  k2 : ${k2.toString('base64url')} ,\n k1:${b64(k1)}\n`);
    expect(ring.ids).toEqual(['k2', 'k1']);
    expect(ring.current.key.equals(k2)).toBe(true);
  });

  it.each([
    ['', /IAM_KEY_ENCRYPTION_KEYS is empty/],
    [' , ', /is empty/],
    [`${b64(k1)}`, /entry 1 must look like <keyId>:<base64>/],
    [`k1:${b64(k1)},:${b64(k2)}`, /entry 2 must look like/],
    [`k.1:${b64(k1)}`, /entry 1: key id must be 1-32 characters/],
    [`k1:not base64!`, /entry 1 \(k1\): key is not base64/],
    [`k1:${b64(randomBytes(16))}`, /entry 1 \(k1\): key must be 32 bytes .* got 16/],
    [`k1:${b64(randomBytes(33))}`, /got 33/],
    [`k1:${b64(k1)},k1:${b64(k2)}`, /key id k1 appears twice/],
  ])('rejects %j with a clear error', (config, message) => {
    expect(() => KeyRing.parse(config)).toThrow(KeyRingConfigError);
    expect(() => KeyRing.parse(config)).toThrow(message);
  });

  it('never echoes key material in its errors', () => {
    const short = b64(randomBytes(20));
    try {
      KeyRing.parse(`k1:${short}`);
      throw new Error('expected a KeyRingConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(KeyRingConfigError);
      expect((error as Error).message).not.toContain(short);
    }
  });

  it('names the configuration source it was given', () => {
    expect(() => KeyRing.parse('x', '/data/keys')).toThrow('/data/keys entry 1');
  });
});

describe('KeyRing.subkey', () => {
  it('derives a distinct, stable key per KEK and purpose', () => {
    const ring = new KeyRing([
      { id: 'a', key: randomBytes(32) },
      { id: 'b', key: randomBytes(32) },
    ]);
    const a1 = ring.subkey('a', 'secret-at-rest');
    expect(a1).toHaveLength(32);
    expect(ring.subkey('a', 'secret-at-rest')).toBe(a1); // cached
    expect(ring.subkey('a', 'session-token')?.equals(a1!)).toBe(false);
    expect(ring.subkey('b', 'secret-at-rest')?.equals(a1!)).toBe(false);
    expect(ring.subkey('a', 'secret-at-rest')?.equals(ring.find('a')!.key)).toBe(false);
    expect(ring.subkey('c', 'secret-at-rest')).toBeUndefined();
  });

  it('is HKDF-SHA256 with the purpose as info (RFC 5869 construction, checked independently)', () => {
    // HKDF with an empty salt and L = 32 is a single HMAC: T(1) = HMAC(PRK, info || 0x01).
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const kek = randomBytes(32);
    const prk = createHmac('sha256', Buffer.alloc(32)).update(kek).digest();
    const expected = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from('portcullis/p'), Buffer.from([1])]))
      .digest();
    expect(new KeyRing([{ id: 'x', key: kek }]).subkey('x', 'p')?.equals(expected)).toBe(true);
  });
});

describe('generated keys', () => {
  it('produce a configuration entry that parses back to the same key', () => {
    const generated = generateKeyEncryptionKey();
    expect(generated.id).toMatch(/^k\d{8}[0-9a-f]{4}$/);
    expect(generated.key).toHaveLength(32);
    const ring = KeyRing.parse(generated.configEntry);
    expect(ring.current.id).toBe(generated.id);
    expect(ring.current.key.equals(generated.key)).toBe(true);
  });

  it('are random, and format back into a ring configuration', () => {
    const a = generateKeyEncryptionKey('new');
    const b = generateKeyEncryptionKey('old');
    expect(a.key.equals(b.key)).toBe(false);
    const ring = KeyRing.parse(formatKeyRingConfig([a, b]));
    expect(ring.ids).toEqual(['new', 'old']);
    expect(ring.find('old')?.key.equals(b.key)).toBe(true);
  });

  it('refuse an id the sealed format could not carry', () => {
    expect(() => generateKeyEncryptionKey('a.b')).toThrow(KeyRingConfigError);
  });
});
