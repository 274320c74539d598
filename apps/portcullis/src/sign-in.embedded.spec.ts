import { totpCode, totpStep } from '@portcullis/credentials';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Harness, startPortcullis } from '../../../test/support/portcullis-harness';
import { callApi, type Credentials } from '../../../test/support/test-credentials';

const ACCOUNT = '123456789012';
const PASSWORD = 'Correct-Horse-7-Battery';
const WRONG = 'Not-The-Password-9';
const LOCKOUT_THRESHOLD = 3;
const LOCKOUT_SECONDS = 2;
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Console-style sign-in over HTTP on the embedded defaults (`POST /signin`, unsigned): the
 * credentials it answers sign requests as the user; every credential failure is one answer; MFA
 * users need a fresh code and get an MFA session; repeated failures lock the name out (recorded
 * in the log), real user or not; nothing secret is written or logged. The limiter is configured
 * small through IAM_SIGN_IN_* so the lockout is quick.
 */
describe('console sign-in over HTTP (embedded defaults)', () => {
  let dir: string;
  let h: Harness;
  const logged: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const env = { ...process.env };
  /** Every password, secret, token and seed this spec sends or receives. */
  const plaintexts: string[] = [PASSWORD, WRONG];

  async function signIn(body: unknown, raw?: string): Promise<Reply> {
    const res = await fetch(`${h.httpUrl}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
  }
  const asUser = (UserName: string, Password = PASSWORD, extra: object = {}) =>
    signIn({ AccountId: ACCOUNT, UserName, Password, ...extra });

  /** The credentials of a successful sign-in (remembered for the secret scan). */
  function credentialsOf(reply: Reply): Credentials {
    if (reply.status !== 200) throw new Error(`sign-in: ${reply.status} ${reply.text}`);
    const c = reply.body.Credentials;
    plaintexts.push(c.SecretAccessKey, c.SessionToken);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
  }

  async function ok(action: string, body: object) {
    const res = await h.call(action, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** An error answer without its request id, to compare answers. */
  const answer = (reply: Reply) => [reply.status, reply.body.Error, Object.keys(reply.body)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-sign-in-'));
    // The edge reads its limiter settings from the process environment.
    process.env.IAM_SIGN_IN_LOCKOUT_THRESHOLD = String(LOCKOUT_THRESHOLD);
    process.env.IAM_SIGN_IN_LOCKOUT_SECONDS = String(LOCKOUT_SECONDS);
    process.env.IAM_SIGN_IN_MAX_FAILURES_PER_SOURCE = '1000';
    const capture = (chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    };
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    h = await startPortcullis({ IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'debug' }, ACCOUNT);
    await ok('CreateUser', { UserName: 'alice', Path: '/staff/' });
    await ok('CreateLoginProfile', { UserName: 'alice', Password: PASSWORD });
    await ok('CreateUser', { UserName: 'bob' }); // no login profile
  });

  afterAll(async () => {
    await h?.close();
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it('the right password: short-lived credentials that sign requests as the user', async () => {
    const reply = await asUser('alice');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body).toEqual({
      Credentials: {
        AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
        SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9/+]{40}$/),
        SessionToken: expect.stringMatching(/^pcst1\./),
        Expiration: expect.any(String),
      },
      PasswordResetRequired: false,
      ResponseMetadata: { RequestId: expect.any(String) },
    });
    const lifetime = Date.parse(reply.body.Credentials.Expiration) - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);

    const me = await callApi(
      h.httpUrl,
      'GetCallerIdentity',
      {},
      { credentials: credentialsOf(reply) },
    );
    expect(me.status).toBe(200);
    expect(me.body.GetCallerIdentityResult).toEqual({
      UserId: expect.stringMatching(/^AIDA/),
      Account: ACCOUNT,
      Arn: `arn:aws:iam::${ACCOUNT}:user/staff/alice`,
    });
  });

  it('wrong password, unknown user, no login profile, unknown account: one answer, no secret in it', async () => {
    const replies = [
      await asUser('alice', WRONG),
      await asUser('nobody'),
      await asUser('bob'),
      await signIn({ AccountId: '999999999999', UserName: 'alice', Password: PASSWORD }),
    ];
    for (const reply of replies) {
      expect(answer(reply)).toEqual([
        403,
        { Code: 'AccessDenied', Message: 'Your authentication information is incorrect.' },
        ['Error', 'RequestId'],
      ]);
      expect(reply.text).not.toContain(PASSWORD);
      expect(reply.text).not.toContain(WRONG);
    }
  });

  it('a malformed request is a ValidationError that echoes nothing; it counts as no attempt', async () => {
    const noAccount = await signIn({ UserName: 'alice', Password: WRONG });
    expect(answer(noAccount)).toEqual([
      400,
      { Code: 'ValidationError', Message: 'AccountId must be 12 digits' },
      ['Error', 'RequestId'],
    ]);
    const badCode = await asUser('alice', WRONG, { TokenCode: WRONG });
    expect(answer(badCode)[0]).toBe(400);
    expect(badCode.text).not.toContain(WRONG);
    const notJson = await signIn(undefined, `{"Password": "${WRONG}"`);
    expect(notJson.status).toBe(400);
    expect(notJson.text).not.toContain(WRONG);
  });

  describe('a user with MFA', () => {
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/dave-phone`;
    let seed: string;
    const notIt = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    beforeAll(async () => {
      await ok('CreateUser', { UserName: 'dave' });
      await ok('CreateLoginProfile', { UserName: 'dave', Password: PASSWORD });
      // ListUsers only in an MFA session (the write side fills aws:MultiFactorAuthPresent).
      await ok('PutUserPolicy', {
        UserName: 'dave',
        PolicyName: 'mfa-only',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: 'iam:ListUsers',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      });
      const created = await ok('CreateVirtualMFADevice', { VirtualMFADeviceName: 'dave-phone' });
      seed = (created.VirtualMFADevice as { Base32StringSeed: string }).Base32StringSeed;
      plaintexts.push(seed);
      const step = totpStep(Date.now());
      await ok('EnableMFADevice', {
        UserName: 'dave',
        SerialNumber: serial,
        AuthenticationCode1: totpCode(seed, (step - 2) * 30_000),
        AuthenticationCode2: totpCode(seed, (step - 1) * 30_000),
      });
    });

    it('no code, a wrong code: the one answer; the right code: an MFA session; the code once only', async () => {
      const code = totpCode(seed, Date.now());
      const incorrect = answer(await asUser('nobody', WRONG));
      expect(answer(await asUser('dave'))).toEqual(incorrect);
      expect(answer(await asUser('dave', PASSWORD, { TokenCode: notIt(code) }))).toEqual(incorrect);

      const reply = await asUser('dave', PASSWORD, { TokenCode: code });
      const credentials = credentialsOf(reply);
      const listed = await callApi(h.httpUrl, 'ListUsers', {}, { credentials });
      expect(listed.status).toBe(200);
      expect(listed.body.Users).toEqual(
        expect.arrayContaining([expect.objectContaining({ UserName: 'dave' })]),
      );
      // The same code again: spent (iam.mfa-code-used.v1).
      expect(answer(await asUser('dave', PASSWORD, { TokenCode: code }))).toEqual(incorrect);

      // A session without MFA (an MFA user without a code is refused; alice has none): denied.
      await ok('PutUserPolicy', {
        UserName: 'alice',
        PolicyName: 'mfa-only',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: 'iam:ListUsers',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      });
      const plain = credentialsOf(await asUser('alice'));
      const refused = await callApi(h.httpUrl, 'ListUsers', {}, { credentials: plain });
      expect([refused.status, (refused.body.Error as { Code: string }).Code]).toEqual([
        403,
        'AccessDenied',
      ]);
    });
  });

  it(`lockout after ${LOCKOUT_THRESHOLD} failures, recorded in the log; the right password refused until it ends; unknown names alike`, async () => {
    await ok('CreateUser', { UserName: 'carol' });
    await ok('CreateLoginProfile', { UserName: 'carol', Password: PASSWORD });
    const failures = async (name: string) => {
      const replies = [];
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) replies.push(await asUser(name, WRONG));
      return replies.map(answer);
    };
    const carolFailures = await failures('carol');
    expect(carolFailures).toEqual(Array(LOCKOUT_THRESHOLD).fill(carolFailures[0]));
    expect(carolFailures[0][0]).toBe(403);
    const locked = await asUser('carol');
    expect(answer(locked)).toEqual([
      429,
      { Code: 'Throttling', Message: 'Too many sign-in attempts. Try again later.' },
      ['Error', 'RequestId'],
    ]);
    expect(Number(locked.headers.get('retry-after'))).toBe(LOCKOUT_SECONDS);

    // A name that is no user: the same answers, the same lockout.
    expect(await failures('nobody-else')).toEqual(carolFailures);
    const lockedUnknown = await asUser('nobody-else');
    expect(answer(lockedUnknown)).toEqual(answer(locked));
    expect(lockedUnknown.headers.get('retry-after')).toBe(locked.headers.get('retry-after'));

    const written = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath ?? e.path, e.name), 'latin1'))
      .join('\n');
    const lockouts = written
      .split('\n')
      .filter((line) => line.includes('iam.sign-in-locked-out.v1'));
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toContain('"userName":"carol"');
    expect(lockouts[0]).toContain(`"failures":${LOCKOUT_THRESHOLD}`);

    await new Promise((resolve) => setTimeout(resolve, LOCKOUT_SECONDS * 1000 + 200));
    expect(credentialsOf(await asUser('carol')).accessKeyId).toMatch(/^ASIA/);
  });

  it('no password, secret, session token or seed in the data dir or the log output', () => {
    const written = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath ?? e.path, e.name), 'latin1'))
      .join('\n');
    expect(written).toContain('iam.mfa-code-used.v1');
    const logs = logged.join('');
    expect(logs).toContain('sign-in locked out');
    expect(plaintexts.length).toBeGreaterThanOrEqual(9);
    for (const secret of plaintexts) {
      expect([secret, written.includes(secret)]).toEqual([secret, false]);
      expect([secret, logs.includes(secret)]).toEqual([secret, false]);
    }
  });
});
