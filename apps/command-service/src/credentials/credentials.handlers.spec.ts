import { IamEventType } from '@portcullis/contracts';
import { totpCode, totpStep } from '@portcullis/credentials';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import {
  ACCOUNT,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  ROOT,
  typesOf,
  userArn,
} from '../shared/testing/command-side.fixture';
import {
  accessKeySecretBinding,
  commandInputBinding,
  mfaSeedBinding,
} from './credential-secrets.port';

const ALICE = userArn('alice');
const caller = { accountId: ACCOUNT, actor: ROOT };
/** AWS's self-management pattern: a user may manage its own credentials. */
const SELF_SERVICE = allow(
  ['iam:*AccessKey*', 'iam:ChangePassword', 'iam:*LoginProfile', 'iam:ListMFADevices'],
  'arn:aws:iam::*:user/${aws:username}',
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resultOf = (decision: Awaited<ReturnType<CommandSide['when']>>): any =>
  decision.kind === 'rejected' ? undefined : decision.result;

describe('credentials (given history, when command, then events or error)', () => {
  let side: CommandSide;

  beforeEach(async () => {
    side = await CommandSide.start();
    await side.given(['CreateUser', { UserName: 'alice' }], ['CreateUser', { UserName: 'bob' }]);
  });

  describe('CreateAccessKey', () => {
    it('the secret is sealed in the event and in the reply (kept for retries); only revealSecrets opens it', async () => {
      const decision = await side.when(
        'CreateAccessKey',
        { UserName: 'alice' },
        { commandId: 'k1' },
      );
      expect(typesOf(decision)).toEqual([IamEventType.AccessKeyCreated]);
      const event = eventsOf(decision)[0].payload as {
        userId: string;
        accessKeyId: string;
        sealedSecretAccessKey: string;
      };
      expect(event.sealedSecretAccessKey).toMatch(/^v1\.test\./);
      const result = resultOf(decision);
      expect(result.AccessKey).toEqual({
        UserName: 'alice',
        AccessKeyId: event.accessKeyId,
        Status: 'Active',
        SecretAccessKey: {
          Sealed: event.sealedSecretAccessKey,
          BoundTo: accessKeySecretBinding(event.userId, event.accessKeyId),
        },
        CreateDate: NOW.toISOString(),
      });

      const revealed = COMMAND_CATALOG.CreateAccessKey.revealSecrets!(
        result,
        side.secrets,
        caller,
      ) as {
        AccessKey: { SecretAccessKey: string };
      };
      expect(revealed.AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
      // Bound to its owner and purpose: it does not open for another user or as an MFA seed.
      const bob = side.accounts.get(ACCOUNT).getUser('bob')!;
      expect(() =>
        side.secrets.open(
          event.sealedSecretAccessKey,
          accessKeySecretBinding(bob.userId, event.accessKeyId),
        ),
      ).toThrow('sealed value failed authentication');
      expect(() =>
        side.secrets.open(event.sealedSecretAccessKey, mfaSeedBinding(event.accessKeyId)),
      ).toThrow();

      // A retry answers the stored reply: still sealed, the same key.
      const retry = await side.when('CreateAccessKey', { UserName: 'alice' }, { commandId: 'k1' });
      expect(retry).toMatchObject({ kind: 'duplicate', result });
    });

    it('a third key: LimitExceeded, nothing appended', async () => {
      await side.given(
        ['CreateAccessKey', { UserName: 'alice' }],
        ['CreateAccessKey', { UserName: 'alice' }],
      );
      const before = side.sequence();
      expect(errorOf(await side.when('CreateAccessKey', { UserName: 'alice' }))).toEqual({
        Code: 'LimitExceeded',
        Message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      });
      expect(side.sequence()).toBe(before);
    });

    it('no UserName: the calling user; the root its own keys (root-access-keys.handlers.spec.ts)', async () => {
      await side.given([
        'PutUserPolicy',
        { UserName: 'alice', PolicyName: 'self', PolicyDocument: SELF_SERVICE },
      ]);
      const own = await side.when('CreateAccessKey', {}, { actor: ALICE });
      expect(resultOf(own).AccessKey.UserName).toBe('alice');
      // This account never ran CreateAccount: the root has no keys to add to.
      expect(errorOf(await side.when('CreateAccessKey', {}))).toEqual({
        Code: 'NoSuchEntity',
        Message: `Account ${ACCOUNT} does not exist.`,
      });
    });

    it('IAM authorizes IAM: no policy, denied; self-service allows her own keys, not bob’s', async () => {
      expect(errorOf(await side.when('CreateAccessKey', {}, { actor: ALICE }))).toEqual({
        Code: 'AccessDenied',
        Message: `User: ${ALICE} is not authorized to perform: iam:CreateAccessKey on resource: ${ALICE} because no identity-based policy allows the iam:CreateAccessKey action`,
      });
      await side.given([
        'PutUserPolicy',
        { UserName: 'alice', PolicyName: 'self', PolicyDocument: SELF_SERVICE },
      ]);
      expect((await side.when('ListAccessKeys', {}, { actor: ALICE })).kind).toBe('accepted');
      expect(
        errorOf(await side.when('CreateAccessKey', { UserName: 'bob' }, { actor: ALICE })).Code,
      ).toBe('AccessDenied');
      expect(
        errorOf(await side.when('UpdateAccountPasswordPolicy', {}, { actor: ALICE })),
      ).toMatchObject({
        Code: 'AccessDenied',
        Message: expect.stringContaining('iam:UpdateAccountPasswordPolicy on resource: *'),
      });
    });

    it('GetAccessKeyLastUsed: the owner, and "N/A" for a key never used; ListAccessKeys shows no secret', async () => {
      const created = resultOf(await side.when('CreateAccessKey', { UserName: 'alice' }));
      const id = created.AccessKey.AccessKeyId;
      expect(resultOf(await side.when('GetAccessKeyLastUsed', { AccessKeyId: id }))).toEqual({
        UserName: 'alice',
        AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
      });
      const listed = resultOf(await side.when('ListAccessKeys', { UserName: 'alice' }));
      expect(listed).toEqual({
        AccessKeyMetadata: [
          { UserName: 'alice', AccessKeyId: id, Status: 'Active', CreateDate: NOW.toISOString() },
        ],
        IsTruncated: false,
      });
      expect(
        errorOf(await side.when('GetAccessKeyLastUsed', { AccessKeyId: 'AKIAUNKNOWNUNKNOWN22' })),
      ).toEqual({
        Code: 'NoSuchEntity',
        Message: 'The Access Key with id AKIAUNKNOWNUNKNOWN22 cannot be found.',
      });
    });
  });

  describe('passwords', () => {
    it('without a custom policy, AWS’s default rules apply; the event holds a hash that verifies', async () => {
      expect(
        errorOf(
          await side.when('CreateLoginProfile', { UserName: 'alice', Password: 'alllowercase' }),
        ),
      ).toEqual({
        Code: 'PasswordPolicyViolation',
        Message:
          'Password should contain at least three of: uppercase letters, lowercase letters, numbers, symbols',
      });
      const decision = await side.when('CreateLoginProfile', {
        UserName: 'alice',
        Password: 'Mixed-Case-42',
      });
      const { passwordHash } = eventsOf(decision)[0].payload as { passwordHash: string };
      expect(passwordHash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
      expect(JSON.stringify(eventsOf(decision))).not.toContain('Mixed-Case-42');
      expect(await side.secrets.verifyPassword('Mixed-Case-42', passwordHash)).toBe(true);
      expect(resultOf(decision)).toEqual({
        LoginProfile: {
          UserName: 'alice',
          CreateDate: NOW.toISOString(),
          PasswordResetRequired: false,
        },
      });
    });

    it('passwords travel sealed: plaintext, or sealed for another command or member, is refused and changes nothing', async () => {
      const plaintext = await side.when(
        'CreateLoginProfile',
        { UserName: 'alice', Password: 'Mixed-Case-42' },
        { plaintextSecrets: true },
      );
      expect(errorOf(plaintext)).toEqual({
        Code: 'InvalidInput',
        Message:
          'Password must arrive sealed: send CreateLoginProfile through the HTTP API, which seals it.',
      });
      const sealedFor = (commandId: string, member: string) => ({
        Sealed: side.secrets.seal('Mixed-Case-42', commandInputBinding(commandId, member)),
      });
      const otherCommand = await side.when(
        'CreateLoginProfile',
        { UserName: 'alice', Password: sealedFor('another-command', 'Password') },
        { commandId: 'this-command', plaintextSecrets: true },
      );
      const otherMember = await side.when(
        'ChangePassword',
        {
          OldPassword: sealedFor('cp', 'NewPassword'),
          NewPassword: sealedFor('cp', 'NewPassword'),
        },
        { commandId: 'cp', actor: `arn:aws:iam::${ACCOUNT}:user/alice`, plaintextSecrets: true },
      );
      for (const refused of [otherCommand, otherMember]) {
        expect(errorOf(refused).Code).toBe('InvalidInput');
        expect(errorOf(refused).Message).toMatch(/Password could not be opened\.$/);
        expect(JSON.stringify(errorOf(refused))).not.toContain('Mixed-Case-42');
      }
      expect(errorOf(await side.when('GetLoginProfile', { UserName: 'alice' })).Code).toBe(
        'NoSuchEntity',
      );
    });

    it('existence comes before the password: a second profile is EntityAlreadyExists even with a bad password', async () => {
      await side.given(['CreateLoginProfile', { UserName: 'alice', Password: 'Mixed-Case-42' }]);
      expect(
        errorOf(await side.when('CreateLoginProfile', { UserName: 'alice', Password: 'x' })),
      ).toEqual({
        Code: 'EntityAlreadyExists',
        Message: 'Login Profile for user alice already exists.',
      });
      expect(
        errorOf(await side.when('UpdateLoginProfile', { UserName: 'bob', Password: 'x' })),
      ).toEqual({
        Code: 'NoSuchEntity',
        Message: 'Login Profile for User bob cannot be found.',
      });
    });

    it('UpdateAccountPasswordPolicy applies AWS’s defaults; out of range is a ValidationError', async () => {
      await side.given(['UpdateAccountPasswordPolicy', {}]);
      expect(resultOf(await side.when('GetAccountPasswordPolicy', {}))).toEqual({
        PasswordPolicy: {
          MinimumPasswordLength: 6,
          RequireSymbols: false,
          RequireNumbers: false,
          RequireUppercaseCharacters: false,
          RequireLowercaseCharacters: false,
          AllowUsersToChangePassword: false,
          ExpirePasswords: false,
          HardExpiry: false,
        },
      });
      expect(
        errorOf(await side.when('UpdateAccountPasswordPolicy', { MinimumPasswordLength: 3 })).Code,
      ).toBe('ValidationError');
      await side.given(['DeleteAccountPasswordPolicy', {}]);
      expect(errorOf(await side.when('GetAccountPasswordPolicy', {}))).toEqual({
        Code: 'NoSuchEntity',
        Message: `The Password Policy with domain name ${ACCOUNT} cannot be found.`,
      });
    });

    it('ChangePassword: only an IAM user, with its old password; reuse refused under the policy', async () => {
      await side.given(
        ['UpdateAccountPasswordPolicy', { MinimumPasswordLength: 8, PasswordReusePrevention: 2 }],
        [
          'CreateLoginProfile',
          { UserName: 'alice', Password: 'first-pass-1', PasswordResetRequired: true },
        ],
        ['PutUserPolicy', { UserName: 'alice', PolicyName: 'self', PolicyDocument: SELF_SERVICE }],
      );
      expect(
        errorOf(await side.when('ChangePassword', { OldPassword: 'a', NewPassword: 'b' })),
      ).toEqual({
        Code: 'InvalidUserType',
        Message: 'Only IAM users can change their own password.',
      });
      const change = (OldPassword: string, NewPassword: string) =>
        side.when('ChangePassword', { OldPassword, NewPassword }, { actor: ALICE });
      expect(errorOf(await change('wrong-pass-1', 'second-pass-2'))).toEqual({
        Code: 'AccessDenied',
        Message: 'The old password is incorrect.',
      });
      expect(errorOf(await change('first-pass-1', 'first-pass-1')).Code).toBe(
        'PasswordPolicyViolation',
      );
      expect(typesOf(await change('first-pass-1', 'second-pass-2'))).toEqual([
        IamEventType.UserPasswordChanged,
      ]);
      expect(
        resultOf(await side.when('GetLoginProfile', {}, { actor: ALICE })).LoginProfile
          .PasswordResetRequired,
      ).toBe(false);
    });
  });

  describe('virtual MFA devices', () => {
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`;
    const step = totpStep(NOW.getTime());
    const codeAt = (seed: string, s: number) => totpCode(seed, s * 30_000);

    async function createDevice(): Promise<string> {
      const decision = await side.when('CreateVirtualMFADevice', {
        VirtualMFADeviceName: 'alice-phone',
      });
      const result = resultOf(decision);
      expect(result.VirtualMFADevice.Base32StringSeed).toEqual({
        Sealed: expect.stringMatching(/^v1\.test\./),
        BoundTo: mfaSeedBinding(serial),
      });
      const revealed = COMMAND_CATALOG.CreateVirtualMFADevice.revealSecrets!(
        result,
        side.secrets,
        caller,
      ) as {
        VirtualMFADevice: { Base32StringSeed: string; OtpauthUri: string };
      };
      const seed = revealed.VirtualMFADevice.Base32StringSeed;
      expect(revealed.VirtualMFADevice.OtpauthUri).toBe(
        `otpauth://totp/Portcullis:alice-phone%40${ACCOUNT}?issuer=Portcullis&secret=${seed}&algorithm=SHA1&digits=6&period=30`,
      );
      return seed;
    }

    const enable = (seed: string, s1: number, s2: number) =>
      side.when('EnableMFADevice', {
        UserName: 'alice',
        SerialNumber: serial,
        AuthenticationCode1: codeAt(seed, s1),
        AuthenticationCode2: codeAt(seed, s2),
      });

    it('enable with two consecutive codes; resync with later ones; a replayed pair is refused', async () => {
      const seed = await createDevice();
      expect(errorOf(await enable(seed, step - 5, step - 4))).toEqual({
        Code: 'InvalidAuthenticationCode',
        Message: 'Authentication code for device is not valid.',
      });
      const enabled = await enable(seed, step - 1, step);
      expect(eventsOf(enabled)[0]).toMatchObject({
        type: IamEventType.MfaDeviceEnabled,
        payload: { serialNumber: serial, lastUsedStep: step },
      });
      const resync = (s1: number, s2: number) =>
        side.when('ResyncMFADevice', {
          UserName: 'alice',
          SerialNumber: serial,
          AuthenticationCode1: codeAt(seed, s1),
          AuthenticationCode2: codeAt(seed, s2),
        });
      expect(errorOf(await resync(step - 1, step)).Code).toBe('InvalidAuthenticationCode');
      expect(eventsOf(await resync(step + 3, step + 4))[0].payload).toMatchObject({
        lastUsedStep: step + 4,
      });
      const listed = resultOf(await side.when('ListVirtualMFADevices', {}));
      expect(JSON.stringify(listed)).not.toContain(seed);
      expect(JSON.stringify(listed)).not.toContain('Sealed');
    });

    it('IAM authorizes IAM on the device (mfa/…) and on the user', async () => {
      expect(
        errorOf(
          await side.when(
            'CreateVirtualMFADevice',
            { VirtualMFADeviceName: 'x' },
            { actor: ALICE },
          ),
        ).Message,
      ).toContain(`on resource: arn:aws:iam::${ACCOUNT}:mfa/x`);
      await createDevice();
      expect(
        errorOf(
          await side.when(
            'EnableMFADevice',
            {
              UserName: 'bob',
              SerialNumber: serial,
              AuthenticationCode1: '123456',
              AuthenticationCode2: '654321',
            },
            { actor: ALICE },
          ),
        ).Message,
      ).toContain(`iam:EnableMFADevice on resource: ${userArn('bob')}`);
    });
  });
});
