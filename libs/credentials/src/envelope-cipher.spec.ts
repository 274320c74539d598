import { randomBytes } from 'node:crypto';
import { associatedData, EnvelopeCipher, EnvelopeError, sealedKeyId } from './envelope-cipher';
import { KeyRing } from './key-ring';

const ringOf = (...ids: string[]) => new KeyRing(ids.map((id) => ({ id, key: randomBytes(32) })));

function expectEnvelopeError(fn: () => unknown, code: EnvelopeError['code']): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvelopeError);
    expect((error as EnvelopeError).code).toBe(code);
    return;
  }
  throw new Error(`expected EnvelopeError ${code}`);
}

describe('EnvelopeCipher', () => {
  const aliceAad = associatedData('access-key-secret', 'arn:aws:iam::123456789012:user/alice');
  const bobAad = associatedData('access-key-secret', 'arn:aws:iam::123456789012:user/bob');
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

  it('seals to v1.<keyId>.<iv>.<ciphertext+tag> and opens back', () => {
    const cipher = new EnvelopeCipher(ringOf('k2', 'k1'));
    const sealed = cipher.seal(secret, aliceAad);
    expect(sealed).toMatch(/^v1\.k2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    // 40 bytes of plaintext + 16 bytes of tag = 56 bytes = 75 base64url characters
    expect(sealed.split('.')[3]).toHaveLength(75);
    expect(sealed).not.toContain(secret);
    expect(cipher.openString(sealed, aliceAad)).toBe(secret);
    expect(sealedKeyId(sealed)).toBe('k2');
  });

  it('uses a fresh IV each time', () => {
    const cipher = new EnvelopeCipher(ringOf('k1'));
    const a = cipher.seal(secret, aliceAad);
    const b = cipher.seal(secret, aliceAad);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('seals binary and empty plaintexts', () => {
    const cipher = new EnvelopeCipher(ringOf('k1'));
    const seed = randomBytes(20);
    expect(cipher.open(cipher.seal(seed, 'mfa-seed'), 'mfa-seed').equals(seed)).toBe(true);
    expect(cipher.open(cipher.seal('', 'x'), 'x')).toHaveLength(0);
  });

  it('binds the ciphertext to its associated data: another owner cannot open it', () => {
    const cipher = new EnvelopeCipher(ringOf('k1'));
    const sealed = cipher.seal(secret, aliceAad);
    expectEnvelopeError(() => cipher.open(sealed, bobAad), 'DecryptionFailed');
    expectEnvelopeError(() => cipher.open(sealed, ''), 'DecryptionFailed');
  });

  it('binds the ciphertext to its purpose: the same ring under another purpose cannot open it', () => {
    const ring = ringOf('k1');
    const sealed = new EnvelopeCipher(ring).seal(secret, 'x');
    const other = new EnvelopeCipher(ring, { purpose: 'session-token' });
    expectEnvelopeError(() => other.open(sealed, 'x'), 'DecryptionFailed');
  });

  it('detects any flipped bit in the IV, the ciphertext or the tag', () => {
    const cipher = new EnvelopeCipher(ringOf('k1'));
    const sealed = cipher.seal(secret, aliceAad);
    const [version, keyId, iv, body] = sealed.split('.');
    const flip = (text: string, index: number) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[index] ^= 0x01;
      return bytes.toString('base64url');
    };
    const bodyLength = Buffer.from(body, 'base64url').length;
    for (const tampered of [
      [version, keyId, flip(iv, 0), body],
      [version, keyId, iv, flip(body, 0)], // ciphertext
      [version, keyId, iv, flip(body, bodyLength - 1)], // tag
    ]) {
      expectEnvelopeError(() => cipher.open(tampered.join('.'), aliceAad), 'DecryptionFailed');
    }
  });

  it('refuses a truncated ciphertext, and malformed strings, with MalformedCiphertext', () => {
    const cipher = new EnvelopeCipher(ringOf('k1'));
    const sealed = cipher.seal(secret, 'x');
    for (const bad of [
      '',
      'garbage',
      sealed.replace(/^v1/, 'v2'),
      sealed.slice(0, 30),
      sealed.split('.').slice(0, 3).join('.'),
      `${sealed}.extra`,
      sealed.replace('.', '..'),
    ]) {
      expectEnvelopeError(() => cipher.open(bad, 'x'), 'MalformedCiphertext');
    }
  });

  it('reports an unknown key id without guessing', () => {
    const sealed = new EnvelopeCipher(ringOf('gone')).seal(secret, 'x');
    expectEnvelopeError(() => new EnvelopeCipher(ringOf('k1')).open(sealed, 'x'), 'UnknownKey');
  });

  it('does not accept a ciphertext relabelled with another key id in the ring', () => {
    const ring = ringOf('k2', 'k1');
    const cipher = new EnvelopeCipher(ring);
    const sealed = cipher.seal(secret, 'x');
    expectEnvelopeError(() => cipher.open(sealed.replace('.k2.', '.k1.'), 'x'), 'DecryptionFailed');
  });

  it('errors carry no plaintext, ciphertext or associated data', () => {
    const cipher = new EnvelopeCipher(ringOf('k1'));
    const sealed = cipher.seal(secret, aliceAad);
    let caught: unknown;
    try {
      cipher.open(sealed, bobAad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvelopeError);
    const text = `${(caught as Error).message} ${(caught as Error).stack} ${JSON.stringify(caught)}`;
    expect(text).not.toContain(secret);
    expect(text).not.toContain(sealed.split('.')[3]);
    expect(text).not.toContain('bob');
  });
});

describe('key rotation', () => {
  it('opens with any key in the ring, flags old ones and re-wraps under the current key', () => {
    const k1 = { id: 'k1', key: randomBytes(32) };
    const k2 = { id: 'k2', key: randomBytes(32) };
    const before = new EnvelopeCipher(new KeyRing([k1]));
    const sealedUnderK1 = before.seal('the secret', 'aad');
    expect(before.needsRewrap(sealedUnderK1)).toBe(false);

    // step 1: prepend the new key; old ciphertexts still open
    const during = new EnvelopeCipher(new KeyRing([k2, k1]));
    expect(during.openString(sealedUnderK1, 'aad')).toBe('the secret');
    expect(during.needsRewrap(sealedUnderK1)).toBe(true);

    // step 2: re-wrap
    const rewrapped = during.rewrap(sealedUnderK1, 'aad');
    expect(sealedKeyId(rewrapped)).toBe('k2');
    expect(during.needsRewrap(rewrapped)).toBe(false);

    // step 3: drop the old key; re-wrapped values open, un-re-wrapped ones are UnknownKey
    const after = new EnvelopeCipher(new KeyRing([k2]));
    expect(after.openString(rewrapped, 'aad')).toBe('the secret');
    expectEnvelopeError(() => after.open(sealedUnderK1, 'aad'), 'UnknownKey');
  });

  it('re-wrapping keeps the associated data binding', () => {
    const ring = ringOf('k2', 'k1');
    const cipher = new EnvelopeCipher(ring);
    const rewrapped = cipher.rewrap(cipher.seal('s', 'alice'), 'alice');
    expectEnvelopeError(() => cipher.open(rewrapped, 'bob'), 'DecryptionFailed');
    expectEnvelopeError(() => cipher.rewrap(rewrapped, 'bob'), 'DecryptionFailed');
  });
});

describe('associatedData', () => {
  it('is unambiguous: parts cannot be shifted across the boundary', () => {
    expect(associatedData('a:b', 'c').equals(associatedData('a', 'b:c'))).toBe(false);
    expect(associatedData('ab', '').equals(associatedData('a', 'b'))).toBe(false);
    expect(associatedData('x', 'y').equals(associatedData('x', 'y'))).toBe(true);
  });
});
