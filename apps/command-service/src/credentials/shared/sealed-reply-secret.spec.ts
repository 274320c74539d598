import { generateSealedBoxKeyPair, openWith } from '@portcullis/credentials';
import { accessKeySecretBinding } from '../credential-secrets.port';
import { CreateAccessKeyCommand } from '../create-access-key/create-access-key.command';
import { testCredentialSecrets } from '../testing/test-credential-secrets';
import {
  encryptReplySecrets,
  sealedReplySecret,
  type EncryptedReplySecret,
} from './sealed-reply-secret';

describe('encryptReplySecrets', () => {
  const secrets = testCredentialSecrets();
  const caller = generateSealedBoxKeyPair();
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const binding = accessKeySecretBinding('AIDAEXAMPLE', 'AKIAEXAMPLE');
  // A CreateAccessKey reply as it is stored and published: the secret sealed.
  const reply = {
    AccessKey: {
      UserName: 'alice',
      AccessKeyId: 'AKIAEXAMPLE',
      Status: 'Active',
      SecretAccessKey: sealedReplySecret(secrets.seal(secret, binding), binding),
      CreateDate: '2024-01-01T00:00:00.000Z',
    },
  };

  it('encrypts every sealed secret of a reply to the caller key, leaving the rest as it is', () => {
    const out = encryptReplySecrets(reply, secrets, caller.publicKey) as typeof reply;
    const encrypted = out.AccessKey.SecretAccessKey as unknown as EncryptedReplySecret;
    expect(Object.keys(encrypted).sort()).toEqual(['BoundTo', 'Encrypted']);
    expect(encrypted.BoundTo).toEqual(binding);
    expect(encrypted.Encrypted).toMatch(/^psb1\./);
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(openWith(caller.privateKey, encrypted.Encrypted, JSON.stringify(binding))).toBe(secret);
    expect({ ...out.AccessKey, SecretAccessKey: undefined }).toEqual({
      ...reply.AccessKey,
      SecretAccessKey: undefined,
    });
    // The reply it came from is untouched (it is also what a retry is answered from).
    expect(reply.AccessKey.SecretAccessKey.Sealed).toMatch(/^v1\./);
  });

  it('is opened by no other key and under no other binding', () => {
    const out = encryptReplySecrets(reply, secrets, caller.publicKey) as typeof reply;
    const { Encrypted } = out.AccessKey.SecretAccessKey as unknown as EncryptedReplySecret;
    expect(() =>
      openWith(generateSealedBoxKeyPair().privateKey, Encrypted, JSON.stringify(binding)),
    ).toThrow();
    const other = accessKeySecretBinding('AIDAOTHER', 'AKIAEXAMPLE');
    expect(() => openWith(caller.privateKey, Encrypted, JSON.stringify(other))).toThrow();
  });

  it('walks arrays and nested members; leaves replies without secrets alone', () => {
    const nested = { List: [{ Deep: reply }], Count: 1 };
    const out = encryptReplySecrets(nested, secrets, caller.publicKey) as typeof nested;
    expect(out.Count).toBe(1);
    expect(JSON.stringify(out)).toContain('"Encrypted":"psb1.');
    expect(JSON.stringify(out)).not.toContain('"Sealed"');
    const plain = { User: { UserName: 'bob', Tags: [{ Key: 'k', Value: 'v' }] } };
    expect(encryptReplySecrets(plain, secrets, caller.publicKey)).toEqual(plain);
    expect(encryptReplySecrets(null, secrets, caller.publicKey)).toBeNull();
  });

  it('refuses a sealed secret that does not open (never passes it on another way)', () => {
    const forged = {
      AccessKey: {
        SecretAccessKey: sealedReplySecret(
          reply.AccessKey.SecretAccessKey.Sealed,
          accessKeySecretBinding('AIDAOTHER', 'AKIAEXAMPLE'),
        ),
      },
    };
    expect(() => encryptReplySecrets(forged, secrets, caller.publicKey)).toThrow();
  });

  it('is what the HTTP edge reveals, in another form', () => {
    const revealed = CreateAccessKeyCommand.revealSecrets(reply as never, secrets);
    expect(revealed.AccessKey.SecretAccessKey).toBe(secret);
  });
});
