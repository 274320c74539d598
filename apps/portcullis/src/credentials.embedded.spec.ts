import type { INestApplication } from '@nestjs/common';
import { totpCode, totpStep } from '@portcullis/credentials';
import { connectBackends, loadConfig, startService } from '@portcullis/platform';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../../../test/support/free-port';
import { callApi, mintCredentials, type Credentials } from '../../../test/support/test-credentials';
import { AccountRepository } from '../../command-service/src/pipeline/account.repository';
import { COMMAND_CATALOG } from '../../command-service/src/pipeline/command-catalog';
import { portcullisService } from './portcullis.service';

const ACCOUNT = '123456789012';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const policy = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Alice's self-service: her own keys, password and MFA devices (AWS's documented pattern). */
const SELF_SERVICE = policy({
  Effect: 'Allow',
  Action: [
    'iam:CreateAccessKey',
    'iam:ListAccessKeys',
    'iam:ChangePassword',
    'iam:GetLoginProfile',
    'iam:ListMFADevices',
  ],
  Resource: 'arn:aws:iam::*:user/${aws:username}',
});

interface Reply {
  status: number;
  text: string;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Credentials over HTTP on the embedded defaults: access keys (quota, listing without secrets,
 * status, deletion), login profiles under an account password policy (violations, reuse,
 * ChangePassword), a virtual MFA device enabled with real TOTP codes (wrong and replayed codes
 * refused), DeleteUser's conflicts until all of it is gone, and then a scan of everything the
 * service wrote or logged, and of the replies it keeps for retries: no plaintext secret anywhere.
 */
describe('credentials over HTTP (embedded defaults)', () => {
  let dir: string;
  let app: INestApplication;
  let url: string;
  const logged: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  /** Every secret and password this spec sends or receives. */
  const plaintexts: string[] = [];
  /** The management root's secret, printed once at first start (never in the data dir). */
  let rootSecret = '';

  /** Minted for `actor` (default: the account's root) with the key ring the service made. */
  const minted = new Map<string, Credentials>();
  async function call(
    action: string,
    body: object,
    opts: { actor?: string; key?: string; credentials?: Credentials } = {},
  ): Promise<Reply> {
    const actor = opts.actor ?? `arn:aws:iam::${ACCOUNT}:root`;
    if (!opts.credentials && !minted.has(actor)) {
      const ring = readFileSync(join(dir, 'key-encryption-keys'), 'utf8');
      minted.set(actor, mintCredentials({ IAM_KEY_ENCRYPTION_KEYS: ring }, actor));
    }
    const res = await callApi(url, action, body, {
      credentials: opts.credentials ?? minted.get(actor)!,
      ...(opts.key ? { commandId: opts.key } : {}),
    });
    return { status: res.status, text: JSON.stringify(res.body), body: res.body };
  }

  async function ok(action: string, body: object, opts?: Parameters<typeof call>[2]) {
    const res = await call(action, body, opts);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
    return res.body;
  }

  const error = (res: Reply) => [res.status, res.body.Error?.Code, res.body.Error?.Message];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-credentials-'));
    // Logging on, captured: the scan below reads every line the service logged.
    const capture = (chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    const config = loadConfig({
      IAM_DATA_DIR: dir,
      IAM_HTTP_PORT: String(await freePort()),
      IAM_GRPC_PORT: String(await freePort()),
      IAM_LOG_LEVEL: 'debug',
    });
    const backends = await connectBackends(config);
    app = await startService(portcullisService, config, backends);
    url = `http://127.0.0.1:${config.httpPort}`;
  });

  afterAll(async () => {
    await app?.close();
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    rmSync(dir, { recursive: true, force: true });
  });

  it('generated a key-encryption key at first start, in the data dir, mode 0600, and said so', () => {
    const keyFile = join(dir, 'key-encryption-keys');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(logged.join('')).toMatch(/generated key-encryption key \S+ in \S+key-encryption-keys/);
  });

  it('created the management account at first start and printed its root credentials once: they sign requests', async () => {
    const printed = logged.join('');
    const id = /AWS_ACCESS_KEY_ID=(AKIA[A-Z2-7]{16})/.exec(printed)?.[1];
    const secret = /AWS_SECRET_ACCESS_KEY=([A-Za-z0-9/+]{40})/.exec(printed)?.[1];
    expect([id, secret]).toEqual([expect.any(String), expect.any(String)]);
    expect(printed.split('AWS_SECRET_ACCESS_KEY=').length).toBe(2); // once
    rootSecret = secret!;
    const me = await call(
      'GetCallerIdentity',
      {},
      {
        credentials: { accessKeyId: id!, secretAccessKey: secret! },
      },
    );
    expect([me.status, me.body.GetCallerIdentityResult]).toEqual([
      200,
      { UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' },
    ]);
    // A wrong secret for the same key: SignatureDoesNotMatch; no signature at all: refused too.
    const forged = await call(
      'GetCallerIdentity',
      {},
      {
        credentials: { accessKeyId: id!, secretAccessKey: 'x'.repeat(40) },
      },
    );
    expect(error(forged).slice(0, 2)).toEqual([403, 'SignatureDoesNotMatch']);
    const unsigned = await fetch(`${url}/v1/ListUsers`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as Reply['body']).Error.Code).toBe(
      'MissingAuthenticationToken',
    );
  });

  it('access keys: two per user, the secret once, listed without secrets, deactivated', async () => {
    await ok('CreateUser', { UserName: 'alice' });
    await ok('CreateUser', { UserName: 'bob' });
    await ok('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'self-service',
      PolicyDocument: SELF_SERVICE,
    });

    const first = await ok('CreateAccessKey', { UserName: 'alice' }, { key: 'alice-key-1' });
    expect(first.AccessKey).toEqual({
      UserName: 'alice',
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9/+]{40}$/),
      CreateDate: expect.any(String),
    });
    // Alice creates her second key herself: no UserName = the caller.
    const second = await ok('CreateAccessKey', {}, { actor: ALICE });
    expect(second.AccessKey.UserName).toBe('alice');
    plaintexts.push(first.AccessKey.SecretAccessKey, second.AccessKey.SecretAccessKey);

    // A retry (same Idempotency-Key) answers the first reply: same key, no third one.
    const retry = await ok('CreateAccessKey', { UserName: 'alice' }, { key: 'alice-key-1' });
    expect(retry.AccessKey).toEqual(first.AccessKey);

    expect(error(await call('CreateAccessKey', { UserName: 'alice' }))).toEqual([
      409,
      'LimitExceeded',
      'Cannot exceed quota for AccessKeysPerUser: 2',
    ]);

    const listed = await call('ListAccessKeys', {}, { actor: ALICE });
    expect(listed.body.AccessKeyMetadata).toEqual([
      expect.objectContaining({ AccessKeyId: first.AccessKey.AccessKeyId, Status: 'Active' }),
      expect.objectContaining({ AccessKeyId: second.AccessKey.AccessKeyId, Status: 'Active' }),
    ]);
    expect(listed.text).not.toContain('Secret');
    for (const secret of plaintexts) expect(listed.text).not.toContain(secret);

    // IAM authorizes IAM: alice's policy covers her own user only.
    expect(error(await call('ListAccessKeys', { UserName: 'bob' }, { actor: ALICE }))).toEqual([
      403,
      'AccessDenied',
      expect.stringContaining('is not authorized to perform: iam:ListAccessKeys'),
    ]);

    // Her key signs her requests: the signature makes her the caller.
    const aliceKey = {
      accessKeyId: first.AccessKey.AccessKeyId,
      secretAccessKey: first.AccessKey.SecretAccessKey,
    };
    const asAlice = await call('GetCallerIdentity', {}, { credentials: aliceKey });
    expect(asAlice.body.GetCallerIdentityResult).toMatchObject({ Account: ACCOUNT, Arn: ALICE });
    expect((await call('ListAccessKeys', {}, { credentials: aliceKey })).status).toBe(200);

    await ok('UpdateAccessKey', {
      UserName: 'alice',
      AccessKeyId: first.AccessKey.AccessKeyId,
      Status: 'Inactive',
    });
    // An inactive key signs nothing (AWS's answer, which does not say the key exists).
    expect(error(await call('ListAccessKeys', {}, { credentials: aliceKey }))).toEqual([
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    ]);
    const after = await ok('ListAccessKeys', { UserName: 'alice' });
    expect(after.AccessKeyMetadata[0].Status).toBe('Inactive');
    expect(
      await ok('GetAccessKeyLastUsed', { AccessKeyId: second.AccessKey.AccessKeyId }),
    ).toMatchObject({
      UserName: 'alice',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
  });

  it('passwords: the account policy is enforced (length, classes, reuse); ChangePassword needs the old one', async () => {
    await ok('UpdateAccountPasswordPolicy', {
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 3,
    });
    expect((await ok('GetAccountPasswordPolicy', {})).PasswordPolicy).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
      PasswordReusePrevention: 3,
      HardExpiry: false,
    });

    const weak = 'weakpass';
    const first = 'Correct-Horse-7-Battery';
    const second = 'Staple-Glue-8-Lantern!';
    const wrong = 'Not-The-Password-9';
    plaintexts.push(weak, first, second, wrong);

    const violation = await call('CreateLoginProfile', { UserName: 'alice', Password: weak });
    expect(error(violation)).toEqual([
      400,
      'PasswordPolicyViolation',
      expect.stringContaining('Password should have a minimum length of 12'),
    ]);
    expect(violation.text).not.toContain(weak);

    const created = await ok('CreateLoginProfile', { UserName: 'alice', Password: first });
    expect(created.LoginProfile).toEqual({
      UserName: 'alice',
      CreateDate: expect.any(String),
      PasswordResetRequired: false,
    });
    expect(
      error(await call('CreateLoginProfile', { UserName: 'alice', Password: second })),
    ).toEqual([409, 'EntityAlreadyExists', 'Login Profile for user alice already exists.']);

    const change = (OldPassword: string, NewPassword: string) =>
      call('ChangePassword', { OldPassword, NewPassword }, { actor: ALICE });
    expect(error(await change(wrong, second))).toEqual([
      403,
      'AccessDenied',
      'The old password is incorrect.',
    ]);
    expect(error(await change(first, first))).toEqual([
      400,
      'PasswordPolicyViolation',
      'Password should not be one of your 3 previous passwords',
    ]);
    expect((await change(first, second)).status).toBe(200);
    expect(await ok('GetLoginProfile', {}, { actor: ALICE })).toMatchObject({
      LoginProfile: { UserName: 'alice', PasswordResetRequired: false },
    });
    // The previous password is remembered too (PasswordReusePrevention: 3).
    expect(error(await change(second, first))).toEqual([
      400,
      'PasswordPolicyViolation',
      'Password should not be one of your 3 previous passwords',
    ]);
    // The root is no IAM user: it has no password to change here.
    expect(
      error(await call('ChangePassword', { OldPassword: second, NewPassword: first })),
    ).toEqual([400, 'InvalidUserType', 'Only IAM users can change their own password.']);
  });

  it('MFA: a virtual device enabled with two consecutive codes; wrong and replayed codes refused; DeleteUser conflicts until all is gone', async () => {
    const created = await ok('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice-phone' });
    const device = created.VirtualMFADevice;
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`;
    expect(device.SerialNumber).toBe(serial);
    expect(device.Base32StringSeed).toMatch(/^[A-Z2-7]{32}$/);
    expect(device.OtpauthUri).toMatch(/^otpauth:\/\/totp\/Portcullis:alice-phone%40123456789012\?/);
    expect(device.OtpauthUri).toContain(`secret=${device.Base32StringSeed}`);
    const seed: string = device.Base32StringSeed;
    plaintexts.push(seed);

    expect(
      error(await call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice-phone' })),
    ).toEqual([
      409,
      'EntityAlreadyExists',
      'MFADevice entity at the same path and name already exists.',
    ]);

    // Two consecutive codes, computed here with the library libs/credentials uses (otpauth).
    const step = totpStep(Date.now());
    const code1 = totpCode(seed, (step - 1) * 30_000);
    const code2 = totpCode(seed, step * 30_000);
    const notIt = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const enable = (c1: string, c2: string) =>
      call('EnableMFADevice', {
        UserName: 'alice',
        SerialNumber: serial,
        AuthenticationCode1: c1,
        AuthenticationCode2: c2,
      });
    const invalidCode = [
      403,
      'InvalidAuthenticationCode',
      'Authentication code for device is not valid.',
    ];
    expect(error(await enable(notIt(code1), notIt(code2)))).toEqual(invalidCode);
    expect(error(await enable(code2, code1))).toEqual(invalidCode); // not consecutive
    expect((await enable(code1, code2)).status).toBe(200);

    expect((await ok('ListMFADevices', {}, { actor: ALICE })).MFADevices).toEqual([
      { UserName: 'alice', SerialNumber: serial, EnableDate: expect.any(String) },
    ]);
    const virtual = await call('ListVirtualMFADevices', { AssignmentStatus: 'Assigned' });
    expect(virtual.body.VirtualMFADevices).toEqual([
      {
        SerialNumber: serial,
        User: expect.objectContaining({ UserName: 'alice', Arn: ALICE }),
        EnableDate: expect.any(String),
      },
    ]);
    expect(virtual.text).not.toContain(seed);
    expect(
      error(await call('DeleteVirtualMFADevice', { SerialNumber: serial })).slice(0, 2),
    ).toEqual([409, 'DeleteConflict']);

    // DeleteUser refuses, one credential at a time, with AWS's messages.
    const deleteAlice = () => call('DeleteUser', { UserName: 'alice' });
    expect(error(await deleteAlice())).toEqual([
      409,
      'DeleteConflict',
      'Cannot delete entity, must delete login profile first.',
    ]);
    await ok('DeleteLoginProfile', { UserName: 'alice' });
    expect(error(await deleteAlice())).toEqual([
      409,
      'DeleteConflict',
      'Cannot delete entity, must delete access keys first.',
    ]);
    for (const key of (await ok('ListAccessKeys', { UserName: 'alice' })).AccessKeyMetadata) {
      await ok('DeleteAccessKey', { UserName: 'alice', AccessKeyId: key.AccessKeyId });
    }
    expect(error(await deleteAlice())).toEqual([
      409,
      'DeleteConflict',
      'Cannot delete entity, must delete MFA device first.',
    ]);
    await ok('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial });
    // The codes that enabled it cannot enable it again (replay), even after deactivation.
    expect(error(await enable(code1, code2))).toEqual(invalidCode);
    await ok('DeleteVirtualMFADevice', { SerialNumber: serial });

    expect(error(await deleteAlice())).toEqual([
      409,
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    ]);
    await ok('DeleteUserPolicy', { UserName: 'alice', PolicyName: 'self-service' });
    expect((await deleteAlice()).status).toBe(200);
  });

  it('no plaintext secret or password in the data dir, the log output, or the replies kept for retries', () => {
    expect(plaintexts.length).toBeGreaterThanOrEqual(7);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? e.path, e.name));
    const written = files.map((f) => readFileSync(f, 'latin1')).join('\n');
    // The log holds the credential events, sealed and hashed.
    expect(written).toContain('iam.access-key-created.v1');
    expect(written).toMatch(/"sealedSecretAccessKey":"v1\.[\w-]+\./);
    expect(written).toContain('$scrypt$');

    const stored = app.get(AccountRepository).committedCommand(ACCOUNT, 'alice-key-1');
    expect(stored).toBeDefined();
    const storedReply = JSON.stringify(COMMAND_CATALOG.CreateAccessKey.resultFrom(stored!.events));
    expect(storedReply).toContain('"Sealed":"v1.');

    // The printed root secret went to the terminal only: not into the log files or events.
    expect(rootSecret).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(written.includes(rootSecret)).toBe(false);

    const logs = logged.join('');
    expect(logs).toContain('Nest application successfully started');
    for (const secret of plaintexts) {
      expect([secret, written.includes(secret)]).toEqual([secret, false]);
      expect([secret, logs.includes(secret)]).toEqual([secret, false]);
      expect([secret, storedReply.includes(secret)]).toEqual([secret, false]);
    }
  });
});
