import {
  accessKeyKindOf,
  generateAccessKeyId,
  generateSecretAccessKey,
  isAccessKeyId,
  isSecretAccessKey,
} from './access-key-ids';

describe('access key ids', () => {
  it('are 20 characters: the kind prefix and 16 base32 characters', () => {
    const longTerm = generateAccessKeyId('long-term');
    const temporary = generateAccessKeyId('temporary');
    expect(longTerm).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(temporary).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(accessKeyKindOf(longTerm)).toBe('long-term');
    expect(accessKeyKindOf(temporary)).toBe('temporary');
  });

  it('encode the random bytes as RFC 4648 base32', () => {
    // "foobar" + 4 zero bytes; RFC 4648 test vector: base32("foobar") = MZXW6YTBOI======
    const bytes = Buffer.from([...Buffer.from('foobar'), 0, 0, 0, 0]);
    expect(generateAccessKeyId('long-term', () => bytes)).toBe('AKIAMZXW6YTBOIAAAAAA');
    expect(generateAccessKeyId('long-term', () => Buffer.alloc(10, 0xff))).toBe(
      'AKIA7777777777777777',
    );
  });

  it('do not repeat over many draws', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => generateAccessKeyId('long-term')));
    expect(ids.size).toBe(20_000);
  });

  it('are told apart from other strings', () => {
    expect(isAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe(true);
    expect(isAccessKeyId('AIDAIOSFODNN7EXAMPLE')).toBe(false); // a user id, not a key id
    expect(isAccessKeyId('AKIAIOSFODNN7EXAMPL')).toBe(false);
    expect(isAccessKeyId('akiaiosfodnn7example')).toBe(false);
    expect(isAccessKeyId('AKIAIOSFODNN7EXAMP1E')).toBe(false); // 1 is not base32
    expect(accessKeyKindOf('not a key')).toBeNull();
  });
});

describe('secret access keys', () => {
  it('are 40 characters of the AWS secret alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const secret = generateSecretAccessKey();
      expect(secret).toMatch(/^[A-Za-z0-9/+]{40}$/);
      expect(isSecretAccessKey(secret)).toBe(true);
    }
  });

  it('carry 240 random bits (all 30 bytes end up in the string)', () => {
    const bytes = Buffer.from(Array.from({ length: 30 }, (_, i) => i * 7));
    const secret = generateSecretAccessKey(() => bytes);
    expect(Buffer.from(secret, 'base64').equals(bytes)).toBe(true);
  });

  it('do not repeat', () => {
    const secrets = new Set(Array.from({ length: 5_000 }, () => generateSecretAccessKey()));
    expect(secrets.size).toBe(5_000);
  });

  it('accept the AWS documentation example and reject other shapes', () => {
    expect(isSecretAccessKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(true);
    expect(isSecretAccessKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE')).toBe(false);
    expect(isSecretAccessKey('wJalrXUtnFEMI-K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(false);
  });
});
