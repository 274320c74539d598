import {
  DEFAULT_SCRYPT_PARAMETERS,
  PasswordHasher,
  PasswordHashFormatError,
} from './password-hasher';

// Low cost for speed; one test below runs the production parameters.
const fast = new PasswordHasher({ ln: 10, r: 8, p: 1 });

describe('PasswordHasher', () => {
  it('hashes to a PHC scrypt string with a random salt', async () => {
    const a = await fast.hash('correct horse battery staple');
    const b = await fast.hash('correct horse battery staple');
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  it('verifies the right password and rejects others', async () => {
    const stored = await fast.hash('Tr0ub4dor&3');
    await expect(fast.verify('Tr0ub4dor&3', stored)).resolves.toBe(true);
    await expect(fast.verify('Tr0ub4dor&4', stored)).resolves.toBe(false);
    await expect(fast.verify('', stored)).resolves.toBe(false);
    await expect(fast.verify('tr0ub4dor&3', stored)).resolves.toBe(false);
  });

  it('verifies with the parameters stored in the hash, not its own', async () => {
    const stored = await fast.hash('pw');
    const other = new PasswordHasher({ ln: 11, r: 4, p: 2 });
    await expect(other.verify('pw', stored)).resolves.toBe(true);
  });

  it('matches the RFC 7914 scrypt test vector', async () => {
    // P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64
    const hash = Buffer.from(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
        '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
      'hex',
    );
    const salt = Buffer.from('NaCl').toString('base64').replace(/=+$/, '');
    const stored = `$scrypt$ln=10,r=8,p=16$${salt}$${hash.toString('base64').replace(/=+$/, '')}`;
    await expect(fast.verify('password', stored)).resolves.toBe(true);
    await expect(fast.verify('passwore', stored)).resolves.toBe(false);
  });

  it('treats canonically equivalent Unicode passwords as the same (NFC)', async () => {
    const composed = 'caf\u00e9!Pass1';
    const decomposed = 'cafe\u0301!Pass1';
    const stored = await fast.hash(composed);
    await expect(fast.verify(decomposed, stored)).resolves.toBe(true);
  });

  it('asks for a rehash when the parameters change', async () => {
    const stored = await fast.hash('pw');
    expect(fast.needsRehash(stored)).toBe(false);
    expect(new PasswordHasher({ ln: 11, r: 8, p: 1 }).needsRehash(stored)).toBe(true);
    expect(new PasswordHasher({ ln: 10, r: 8, p: 2 }).needsRehash(stored)).toBe(true);
  });

  it.each([
    '',
    'plaintext-password',
    '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0$dG9vc2hvcnQ', // 8-byte hash
    '$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43), // would need 2^30 · 1 KiB
    '$scrypt$ln=10,r=99,p=1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43),
    '$scrypt$ln=10,r=8,p=0$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43),
  ])('refuses the stored value %j as malformed instead of answering false', async (stored) => {
    await expect(fast.verify('pw', stored)).rejects.toBeInstanceOf(PasswordHashFormatError);
    expect(() => fast.needsRehash(stored)).toThrow(PasswordHashFormatError);
  });

  it('bounds the input it hashes', async () => {
    const long = 'x'.repeat(1025);
    await expect(fast.hash(long)).rejects.toThrow(RangeError);
    const stored = await fast.hash('x'.repeat(1024));
    await expect(fast.verify('x'.repeat(1024), stored)).resolves.toBe(true);
    await expect(fast.verify(long, stored)).resolves.toBe(false);
  });

  it('verifies unknown users against a dummy hash: always false, same work', async () => {
    await expect(fast.verifyUnknownUser('portcullis-dummy-password')).resolves.toBe(false);
    await expect(fast.verifyUnknownUser('anything')).resolves.toBe(false);
  });

  it('refuses out-of-range parameters at construction', () => {
    expect(() => new PasswordHasher({ ln: 9, r: 8, p: 1 })).toThrow(RangeError);
    expect(() => new PasswordHasher({ ln: 15, r: 8, p: 1.5 })).toThrow(RangeError);
  });

  it('uses ln=15, r=8, p=1 by default and takes a noticeable, bounded time', async () => {
    expect(DEFAULT_SCRYPT_PARAMETERS).toEqual({ ln: 15, r: 8, p: 1 });
    const hasher = new PasswordHasher();
    const started = process.hrtime.bigint();
    const stored = await hasher.hash('a default-cost password');
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(stored.startsWith('$scrypt$ln=15,r=8,p=1$')).toBe(true);
    await expect(hasher.verify('a default-cost password', stored)).resolves.toBe(true);
    // Wide bounds: the machine is shared. Memory-hardness means it cannot be near-instant.
    expect(elapsedMs).toBeGreaterThan(15);
    expect(elapsedMs).toBeLessThan(5_000);
  });
});
