import { IamEventType, type CallerContext } from '@portcullis/contracts';
import { SessionTokenSealer, totpCode, totpStep } from '@portcullis/credentials';
import { TEST_KEY_RING } from '../credentials/testing/test-credential-secrets';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import type { CommandDecision } from '../pipeline/command-processor';
import {
  ACCOUNT,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  OTHER_ACCOUNT,
  ROOT,
  roleArn,
  userArn,
} from '../shared/testing/command-side.fixture';

const byKey: CallerContext = { authenticatedBy: 'access-key', accessKeyId: 'AKIAAAAAAAAAAAAAAAA1' };
const bySession: CallerContext = {
  authenticatedBy: 'session-token',
  accessKeyId: 'ASIAAAAAAAAAAAAAAAA1',
  tokenIssuedAt: NOW.toISOString(),
};
const trust = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const sealer = new SessionTokenSealer(TEST_KEY_RING);

interface Issued {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

describe('STS (given history, when command, then credentials or error)', () => {
  let side: CommandSide;
  beforeEach(async () => {
    side = await CommandSide.start();
    await side.given(['CreateUser', { UserName: 'alice' }], ['CreateUser', { UserName: 'bob' }]);
  });

  /** The credentials of an accepted STS reply, opened as the HTTP edge opens them. */
  function credentialsOf(decision: CommandDecision, action: 'GetSessionToken' | 'AssumeRole') {
    if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision));
    const sealed = JSON.stringify(decision.result);
    const revealed = COMMAND_CATALOG[action].revealSecrets!(decision.result, side.secrets, {
      accountId: ACCOUNT,
      actor: ROOT,
    }) as Record<string, { Credentials: Issued; AssumedRoleUser?: { Arn: string } }>;
    const result = revealed[`${action}Result`];
    // On the wire (Kafka replies) neither the secret nor the token is in clear.
    expect(sealed).not.toContain(result.Credentials.SecretAccessKey);
    expect(sealed).not.toContain(result.Credentials.SessionToken);
    const opened = sealer.openForSigning(result.Credentials.SessionToken, NOW.getTime());
    if (!opened.ok) throw new Error(`token does not open: ${opened.code}`);
    expect(opened.secretAccessKey).toBe(result.Credentials.SecretAccessKey);
    expect(opened.claims.accessKeyId).toBe(result.Credentials.AccessKeyId);
    return { result, claims: opened.claims };
  }

  describe('GetSessionToken', () => {
    it('a user signing with an access key gets 12-hour credentials for itself; no permission needed', async () => {
      const decision = await side.when(
        'GetSessionToken',
        {},
        { actor: userArn('alice'), caller: byKey },
      );
      const { result, claims } = credentialsOf(decision, 'GetSessionToken');
      expect(result.Credentials).toMatchObject({
        AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
        Expiration: new Date(NOW.getTime() + 43_200_000).toISOString(),
      });
      expect(claims).toMatchObject({
        kind: 'session',
        accountId: ACCOUNT,
        principalArn: userArn('alice'),
        principalId: expect.stringMatching(/^AIDA/),
      });
      expect(claims.mfaAuthenticatedAt).toBeUndefined();
      expect(eventsOf(decision)).toEqual([]);
    });

    it('refuses temporary credentials (as AWS), and the root beyond one hour', async () => {
      expect(
        errorOf(
          await side.when('GetSessionToken', {}, { actor: userArn('alice'), caller: bySession }),
        ),
      ).toMatchObject({ Code: 'AccessDenied' });
      expect(
        errorOf(
          await side.when(
            'GetSessionToken',
            { DurationSeconds: 7200 },
            { actor: ROOT, caller: byKey },
          ),
        ).Code,
      ).toBe('ValidationError');
      const root = await side.when(
        'GetSessionToken',
        { DurationSeconds: 3600 },
        { actor: ROOT, caller: byKey },
      );
      expect(credentialsOf(root, 'GetSessionToken').claims).toMatchObject({
        principalArn: ROOT,
        principalId: ACCOUNT,
      });
    });

    describe('with MFA', () => {
      const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`;
      const step = totpStep(NOW.getTime());
      let seed: string;
      beforeEach(async () => {
        const created = await side.when('CreateVirtualMFADevice', {
          VirtualMFADeviceName: 'alice-phone',
        });
        if (created.kind !== 'accepted') throw new Error('device');
        const revealed = COMMAND_CATALOG.CreateVirtualMFADevice.revealSecrets!(
          created.result,
          side.secrets,
          {
            accountId: ACCOUNT,
            actor: ROOT,
          },
        ) as { VirtualMFADevice: { Base32StringSeed: string } };
        seed = revealed.VirtualMFADevice.Base32StringSeed;
        await side.given([
          'EnableMFADevice',
          {
            UserName: 'alice',
            SerialNumber: serial,
            AuthenticationCode1: totpCode(seed, (step - 2) * 30_000),
            AuthenticationCode2: totpCode(seed, (step - 1) * 30_000),
          },
        ]);
      });
      const withCode = (code: string) =>
        side.when(
          'GetSessionToken',
          { SerialNumber: serial, TokenCode: code },
          { actor: userArn('alice'), caller: byKey },
        );

      it('a valid code: the session says when MFA was proved; the code is spent (iam.mfa-code-used.v1)', async () => {
        const code = totpCode(seed, NOW.getTime());
        const decision = await withCode(code);
        expect(credentialsOf(decision, 'GetSessionToken').claims.mfaAuthenticatedAt).toBe(
          NOW.getTime(),
        );
        expect(eventsOf(decision)).toEqual([
          expect.objectContaining({
            type: IamEventType.MfaCodeUsed,
            payload: expect.objectContaining({
              serialNumber: serial,
              step,
              purpose: 'GetSessionToken',
            }),
          }),
        ]);
        const mfaFailure = {
          Code: 'AccessDenied',
          Message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
        };
        expect(errorOf(await withCode(code))).toEqual(mfaFailure); // replayed
        expect(errorOf(await withCode(totpCode(seed, (step - 10) * 30_000)))).toEqual(mfaFailure);
        expect(
          errorOf(
            await side.when(
              'GetSessionToken',
              { SerialNumber: serial, TokenCode: totpCode(seed, (step + 1) * 30_000) },
              { actor: userArn('bob'), caller: byKey },
            ),
          ),
        ).toEqual(mfaFailure); // not bob's device
      });
    });
  });

  describe('AssumeRole', () => {
    const assume = (actor: string, input: object, caller: CallerContext = byKey) =>
      side.when(
        'AssumeRole',
        { RoleArn: roleArn('deployer'), RoleSessionName: 'run-1', ...input },
        { actor, caller },
      );
    const denied = (actor: string) => ({
      Code: 'AccessDenied',
      Message: `User: ${actor} is not authorized to perform: sts:AssumeRole on resource: ${roleArn('deployer')}`,
    });

    async function role(trustPolicy: string, extra: object = {}) {
      await side.given([
        'CreateRole',
        { RoleName: 'deployer', AssumeRolePolicyDocument: trustPolicy, ...extra },
      ]);
    }

    it('same account: a trust policy naming the user suffices; naming the account needs the identity policy too', async () => {
      await role(
        trust(
          {
            Effect: 'Allow',
            Principal: { AWS: userArn('alice') },
            Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
          },
          { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'sts:AssumeRole' },
        ),
      );
      const ok = await assume(userArn('alice'), {
        Policy: allow('s3:GetObject'),
        SourceIdentity: 'alice',
      });
      const { result, claims } = credentialsOf(ok, 'AssumeRole');
      expect(result.AssumedRoleUser).toEqual({
        AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]+:run-1$/),
        Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-1`,
      });
      expect(claims).toMatchObject({
        kind: 'assumed-role',
        principalArn: roleArn('deployer'),
        sessionArn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/run-1`,
        sessionPolicy: allow('s3:GetObject'),
        sourceIdentity: 'alice',
        expiresAt: NOW.getTime() + 3_600_000,
      });

      expect(errorOf(await assume(userArn('bob'), {}))).toEqual(denied(userArn('bob')));
      await side.given([
        'PutUserPolicy',
        {
          UserName: 'bob',
          PolicyName: 'assume',
          PolicyDocument: allow('sts:AssumeRole', roleArn('deployer')),
        },
      ]);
      expect(await assume(userArn('bob'), {})).toMatchObject({ kind: 'accepted' });
    });

    it('denies the root, an unknown role (the same answer), conditions not met, and durations over the maximum', async () => {
      await role(
        trust({
          Effect: 'Allow',
          Principal: { AWS: userArn('alice') },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'sts:ExternalId': 'x-42' },
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          },
        }),
        { MaxSessionDuration: 7200 },
      );
      expect(errorOf(await assume(ROOT, {})).Code).toBe('AccessDenied');
      expect(
        errorOf(
          await side.when(
            'AssumeRole',
            { RoleArn: roleArn('nobody'), RoleSessionName: 's1' },
            { actor: userArn('alice'), caller: byKey },
          ),
        ),
      ).toMatchObject({
        Code: 'AccessDenied',
        Message: expect.stringContaining(roleArn('nobody')),
      });
      const mfaSession: CallerContext = { ...bySession, mfaAuthenticatedAt: NOW.toISOString() };
      expect(errorOf(await assume(userArn('alice'), { ExternalId: 'x-42' }))).toEqual(
        denied(userArn('alice')),
      );
      expect(errorOf(await assume(userArn('alice'), { ExternalId: 'wrong' }, mfaSession))).toEqual(
        denied(userArn('alice')),
      );
      expect(
        await assume(userArn('alice'), { ExternalId: 'x-42', DurationSeconds: 7200 }, mfaSession),
      ).toMatchObject({
        kind: 'accepted',
      });
      expect(
        errorOf(
          await assume(userArn('alice'), { ExternalId: 'x-42', DurationSeconds: 7201 }, mfaSession),
        ).Code,
      ).toBe('ValidationError');
      expect(
        errorOf(
          await assume(userArn('alice'), { ExternalId: 'x-42', Policy: '{"nope"' }, mfaSession),
        ).Code,
      ).toBe('MalformedPolicyDocument');
    });

    it('session tags need sts:TagSession, a source identity sts:SetSourceIdentity (AWS)', async () => {
      await role(
        trust({ Effect: 'Allow', Principal: { AWS: userArn('alice') }, Action: 'sts:AssumeRole' }),
      );
      const tags = { Tags: [{ Key: 'team', Value: 'data' }] };
      expect(errorOf(await assume(userArn('alice'), tags))).toEqual(denied(userArn('alice')));
      expect(errorOf(await assume(userArn('alice'), { SourceIdentity: 'alice' }))).toEqual(
        denied(userArn('alice')),
      );
      await side.given([
        'UpdateAssumeRolePolicy',
        {
          RoleName: 'deployer',
          PolicyDocument: trust({
            Effect: 'Allow',
            Principal: { AWS: userArn('alice') },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          }),
        },
      ]);
      const ok = await assume(userArn('alice'), tags);
      expect(credentialsOf(ok, 'AssumeRole').claims.sessionTags).toEqual({ team: 'data' });
    });

    it('across accounts: the trust policy and the caller account’s own yes (stated by the edge) are both needed', async () => {
      await role(
        trust({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
        }),
      );
      const carol = `arn:aws:iam::${OTHER_ACCOUNT}:user/carol`;
      expect(errorOf(await assume(carol, {}))).toEqual(denied(carol));
      const vouched: CallerContext = {
        ...byKey,
        preAuthorized: [`sts:AssumeRole ${roleArn('deployer')}`],
      };
      expect(await assume(carol, {}, vouched)).toMatchObject({ kind: 'accepted' });
      // A yes for another role is no yes for this one.
      const other: CallerContext = {
        ...byKey,
        preAuthorized: [`sts:AssumeRole ${roleArn('other')}`],
      };
      expect(errorOf(await assume(carol, {}, other))).toEqual(denied(carol));
    });

    it('CheckCallerPermission (internal): the caller’s own account answers for its identity policies', async () => {
      await side.given([
        'PutUserPolicy',
        {
          UserName: 'alice',
          PolicyName: 'assume-anywhere',
          PolicyDocument: allow('sts:AssumeRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/*`),
        },
      ]);
      const ask = (actor: string, resource: string) =>
        side.when(
          'CheckCallerPermission',
          { Action: 'sts:AssumeRole', Resource: resource, Actor: actor, Caller: byKey },
          { caller: { authenticatedBy: 'service' } },
        );
      const target = `arn:aws:iam::${OTHER_ACCOUNT}:role/deployer`;
      expect(await ask(userArn('alice'), target)).toMatchObject({ result: { Allowed: true } });
      expect(await ask(userArn('bob'), target)).toMatchObject({ result: { Allowed: false } });
      expect(await ask(userArn('alice'), roleArn('deployer'))).toMatchObject({
        result: { Allowed: false },
      });
      // Not for callers: only Portcullis's services may ask.
      expect(
        errorOf(
          await side.when(
            'CheckCallerPermission',
            { Action: 'sts:AssumeRole', Resource: target, Actor: userArn('alice'), Caller: byKey },
            { caller: byKey },
          ),
        ).Code,
      ).toBe('InvalidAction');
    });
  });
});
