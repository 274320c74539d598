import type { CallerContext } from '@portcullis/contracts';
import { IamEventType } from '@portcullis/contracts';
import { SessionTokenSealer, totpCode, totpStep } from '@portcullis/credentials';
import { issuedCredentialBinding } from '../credentials/credential-secrets.port';
import { TEST_KEY_RING } from '../credentials/testing/test-credential-secrets';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import type { CommandDecision } from '../pipeline/command-processor';
import {
  ACCOUNT,
  CommandSide,
  errorOf,
  eventsOf,
  FixedClock,
  NOW,
  OTHER_ACCOUNT,
  userArn,
} from '../shared/testing/command-side.fixture';
import { SIGN_IN_INCORRECT } from './sign-in/sign-in.command';

const PASSWORD = 'Correct-Horse-7-Battery';
const SERVICE: CallerContext = {
  authenticatedBy: 'service',
  sourceIp: '203.0.113.9',
  secureTransport: true,
};
const INCORRECT = { Code: 'AccessDenied', Message: SIGN_IN_INCORRECT };
const sessions = new SessionTokenSealer(TEST_KEY_RING, { verifiedCacheSize: 0 });

interface SealedCredentials {
  AccessKeyId: string;
  SecretAccessKey: { Sealed: string };
  SessionToken: { Sealed: string };
  Expiration: string;
}

describe('sign-in commands (given history, when command, then events or error)', () => {
  let side: CommandSide;
  let ids = 0;

  const signIn = (input: object, commandId = `sign-in-${++ids}`, caller = SERVICE) =>
    side.when('SignIn', input, { commandId, caller });

  /** The reply's credentials, opened as the edge opens them (bound to the command id). */
  function open(decision: CommandDecision, commandId: string) {
    if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision));
    const reply = decision.result as {
      Credentials: SealedCredentials;
      PasswordResetRequired: boolean;
    };
    const c = reply.Credentials;
    const secret = side.secrets.open(
      c.SecretAccessKey.Sealed,
      issuedCredentialBinding(commandId, 'SecretAccessKey'),
    );
    const token = side.secrets.open(
      c.SessionToken.Sealed,
      issuedCredentialBinding(commandId, 'SessionToken'),
    );
    const opened = sessions.openForSigning(token, NOW.getTime());
    if (!opened.ok) throw new Error(`session token: ${opened.code}`);
    expect(opened.secretAccessKey).toBe(secret);
    expect(opened.claims.accessKeyId).toBe(c.AccessKeyId);
    return { reply, claims: opened.claims };
  }

  beforeEach(async () => {
    side = await CommandSide.start();
    await side.given(
      ['CreateUser', { UserName: 'alice', Path: '/staff/' }],
      ['CreateUser', { UserName: 'bob' }],
      ['CreateLoginProfile', { UserName: 'alice', Password: PASSWORD }],
    );
  });

  it('the right password: session credentials for the user, sealed to the command in the reply', async () => {
    const decision = await signIn({ UserName: 'alice', Password: PASSWORD }, 'sign-in-ok');
    expect(eventsOf(decision)).toEqual([]);
    const { reply, claims } = open(decision, 'sign-in-ok');
    const alice = side.accounts.get(ACCOUNT).getUser('alice')!;
    expect(claims).toMatchObject({
      kind: 'session',
      accountId: ACCOUNT,
      principalArn: userArn('alice', '/staff/'),
      principalId: alice.userId,
      issuedAt: NOW.getTime(),
      expiresAt: NOW.getTime() + 3600_000,
    });
    expect(claims.principalId).toMatch(/^AIDA/);
    expect(claims.mfaAuthenticatedAt).toBeUndefined();
    expect(reply).toEqual({
      Credentials: {
        AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
        SecretAccessKey: {
          Sealed: expect.stringMatching(/^v1\.test\./),
          BoundTo: issuedCredentialBinding('sign-in-ok', 'SecretAccessKey'),
        },
        SessionToken: {
          Sealed: expect.stringMatching(/^v1\.test\./),
          BoundTo: issuedCredentialBinding('sign-in-ok', 'SessionToken'),
        },
        Expiration: new Date(NOW.getTime() + 3600_000).toISOString(),
      },
      PasswordResetRequired: false,
    });
    // Sealed to this command: it opens for no other.
    const sealed = reply.Credentials.SecretAccessKey.Sealed;
    expect(() =>
      side.secrets.open(sealed, issuedCredentialBinding('another', 'SecretAccessKey')),
    ).toThrow();
    expect(JSON.stringify(reply)).not.toContain(PASSWORD);
  });

  it('wrong password, unknown user, no login profile, unknown account: one answer, nothing raised', async () => {
    const before = side.sequence();
    const answers = [
      await signIn({ UserName: 'alice', Password: 'Not-The-Password-9' }),
      await signIn({ UserName: 'alice', Password: PASSWORD.toLowerCase() }),
      await signIn({ UserName: 'nobody', Password: PASSWORD }),
      await signIn({ UserName: 'bob', Password: PASSWORD }),
      await side.when(
        'SignIn',
        { UserName: 'alice', Password: PASSWORD },
        { accountId: OTHER_ACCOUNT, caller: SERVICE },
      ),
    ].map(errorOf);
    expect(answers).toEqual(Array(5).fill(INCORRECT));
    expect(side.sequence()).toBe(before);
  });

  it('only from a Portcullis service, and only with the password sealed', async () => {
    const input = { UserName: 'alice', Password: PASSWORD };
    const notService = await side.when('SignIn', input, {
      caller: { authenticatedBy: 'access-key', secureTransport: true },
    });
    expect(errorOf(notService).Code).toBe('InvalidAction');
    const plaintext = errorOf(
      await side.when('SignIn', input, { caller: SERVICE, plaintextSecrets: true }),
    );
    expect(plaintext).toEqual({
      Code: 'InvalidInput',
      Message: 'Password must arrive sealed: send SignIn through the HTTP API, which seals it.',
    });
    expect(COMMAND_CATALOG.SignIn).toMatchObject({
      internal: true,
      replyFromHandler: true,
      sealedInputs: ['Password', 'TokenCode'],
    });
  });

  it('PasswordResetRequired: signed in, and told so', async () => {
    await side.given(['UpdateLoginProfile', { UserName: 'alice', PasswordResetRequired: true }]);
    const decision = await signIn({ UserName: 'alice', Password: PASSWORD }, 'reset');
    expect(open(decision, 'reset').reply.PasswordResetRequired).toBe(true);
  });

  it('MaxPasswordAge: an expired password signs in only to be changed; with HardExpiry, not at all', async () => {
    const policy = {
      MinimumPasswordLength: 8,
      MaxPasswordAge: 90,
      AllowUsersToChangePassword: true,
    };
    await side.given(['UpdateAccountPasswordPolicy', policy]);
    const fresh = await signIn({ UserName: 'alice', Password: PASSWORD }, 'fresh');
    expect(open(fresh, 'fresh').reply.PasswordResetRequired).toBe(false);

    const later = new Date(NOW.getTime() + 91 * 86_400_000);
    const clock = jest.spyOn(FixedClock.prototype, 'now').mockReturnValue(later);
    try {
      const expired = await signIn({ UserName: 'alice', Password: PASSWORD }, 'expired');
      expect(open(expired, 'expired').reply.PasswordResetRequired).toBe(true);
      await side.given(['UpdateAccountPasswordPolicy', { ...policy, HardExpiry: true }]);
      expect(errorOf(await signIn({ UserName: 'alice', Password: PASSWORD }))).toEqual(INCORRECT);
    } finally {
      clock.mockRestore();
    }
  });

  describe('a user with MFA', () => {
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`;
    const step = totpStep(NOW.getTime());
    let seed: string;
    const codeAt = (s: number) => totpCode(seed, s * 30_000);

    beforeEach(async () => {
      const created = await side.when('CreateVirtualMFADevice', {
        VirtualMFADeviceName: 'alice-phone',
      });
      if (created.kind !== 'accepted') throw new Error('no device');
      seed = (
        COMMAND_CATALOG.CreateVirtualMFADevice.revealSecrets!(created.result, side.secrets, {
          accountId: ACCOUNT,
          actor: `arn:aws:iam::${ACCOUNT}:root`,
        }) as { VirtualMFADevice: { Base32StringSeed: string } }
      ).VirtualMFADevice.Base32StringSeed;
      await side.given([
        'EnableMFADevice',
        {
          UserName: 'alice',
          SerialNumber: serial,
          AuthenticationCode1: codeAt(step - 2),
          AuthenticationCode2: codeAt(step - 1),
        },
      ]);
    });

    it('no code, a wrong code, a code with the wrong password: the one answer, nothing spent', async () => {
      const wrong = String((Number(codeAt(step)) + 1) % 1_000_000).padStart(6, '0');
      const before = side.sequence();
      const answers = [
        await signIn({ UserName: 'alice', Password: PASSWORD }),
        await signIn({ UserName: 'alice', Password: PASSWORD, TokenCode: wrong }),
        await signIn({
          UserName: 'alice',
          Password: 'Not-The-Password-9',
          TokenCode: codeAt(step),
        }),
        // The codes that enabled the device are spent already.
        await signIn({ UserName: 'alice', Password: PASSWORD, TokenCode: codeAt(step - 1) }),
      ].map(errorOf);
      expect(answers).toEqual(Array(4).fill(INCORRECT));
      expect(side.sequence()).toBe(before);
    });

    it('the right code: an MFA session, the step spent (iam.mfa-code-used.v1), the code refused after', async () => {
      const decision = await signIn(
        { UserName: 'alice', Password: PASSWORD, TokenCode: codeAt(step) },
        'with-mfa',
      );
      expect(eventsOf(decision)).toEqual([
        expect.objectContaining({
          type: IamEventType.MfaCodeUsed,
          payload: expect.objectContaining({
            userName: 'alice',
            serialNumber: serial,
            step,
            purpose: 'SignIn',
          }),
        }),
      ]);
      expect(open(decision, 'with-mfa').claims.mfaAuthenticatedAt).toBe(NOW.getTime());
      // Credentials are issued once: a retry of the command id is refused, not answered again.
      const retried = await signIn(
        { UserName: 'alice', Password: PASSWORD, TokenCode: codeAt(step) },
        'with-mfa',
      );
      expect(errorOf(retried).Code).toBe('InvalidInput');
      const replayed = await signIn({
        UserName: 'alice',
        Password: PASSWORD,
        TokenCode: codeAt(step),
      });
      expect(errorOf(replayed)).toEqual(INCORRECT);
    });
  });

  describe('RecordSignInLockout', () => {
    const lockout = { UserName: 'alice', Failures: 5, LockedUntil: '2026-03-04T05:21:07.000Z' };

    it('records the lockout, with the source the edge states', async () => {
      const decision = await side.when('RecordSignInLockout', lockout, { caller: SERVICE });
      expect(eventsOf(decision)).toEqual([
        expect.objectContaining({
          type: IamEventType.SignInLockedOut,
          payload: expect.objectContaining({
            userName: 'alice',
            userArn: userArn('alice', '/staff/'),
            failures: 5,
            until: '2026-03-04T05:21:07.000Z',
            sourceIp: '203.0.113.9',
          }),
        }),
      ]);
    });

    it('a name that is no user: NoSuchEntity (the edge locks it out unrecorded); only from a service', async () => {
      const unknown = await side.when(
        'RecordSignInLockout',
        { ...lockout, UserName: 'nobody' },
        { caller: SERVICE },
      );
      expect(errorOf(unknown).Code).toBe('NoSuchEntity');
      expect(errorOf(await side.when('RecordSignInLockout', lockout)).Code).toBe('InvalidAction');
    });
  });
});
