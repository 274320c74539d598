import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { setTimeout as sleep } from 'timers/promises';
import { Harness, startPortcullis } from '../../../test/support/portcullis-harness';
import {
  callApi,
  TEST_BOOTSTRAP_KEY,
  type Credentials,
} from '../../../test/support/test-credentials';

/**
 * GetAccessKeyLastUsed end to end on the embedded app: a request signed with a user's access key
 * is noted by the HTTP edge, flushed as RecordAccessKeyUsage (every second here), and then
 * answered with when (to the minute), for which service and in which region the key was used.
 */

const ACCOUNT = '123456789012';
const FLUSH_ENV = 'IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS';

type Body = Record<string, unknown>;

describe('GetAccessKeyLastUsed over HTTP (embedded)', () => {
  let dir: string;
  let h: Harness;
  const previous = process.env[FLUSH_ENV];

  const ok = async (action: string, body: Body = {}): Promise<Body> => {
    const res = await h.call(action, body);
    if (res.status !== 200) {
      throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };

  /** Polls `probe` until it answers something (bounded). */
  async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-key-use-'));
    // The edge reads its flush interval from the process environment.
    process.env[FLUSH_ENV] = '1';
    h = await startPortcullis(
      { IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'silent', [FLUSH_ENV]: '1' },
      ACCOUNT,
    );
  });

  afterAll(async () => {
    await h?.close();
    if (previous === undefined) delete process.env[FLUSH_ENV];
    else process.env[FLUSH_ENV] = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('a user’s key used for sts in us-east-1: LastUsedDate, ServiceName and Region appear', async () => {
    await ok('CreateUser', { UserName: 'alice' });
    const created = (await ok('CreateAccessKey', { UserName: 'alice' })).AccessKey as Body;
    const accessKeyId = created.AccessKeyId as string;
    const credentials: Credentials = {
      accessKeyId,
      secretAccessKey: created.SecretAccessKey as string,
    };
    expect(await ok('GetAccessKeyLastUsed', { AccessKeyId: accessKeyId })).toEqual(
      expect.objectContaining({
        UserName: 'alice',
        AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
      }),
    );

    const before = Date.now();
    // The new key reaches the authenticating edge through the read model: retry until it does.
    const identity = await eventually('the key to authenticate', async () => {
      const res = await callApi(h.httpUrl, 'GetCallerIdentity', {}, { credentials });
      return res.status === 200 ? res.body : undefined;
    });
    expect((identity.GetCallerIdentityResult as Body).Arn).toBe(
      `arn:aws:iam::${ACCOUNT}:user/alice`,
    );

    const lastUsed = await eventually('the recorded use', async () => {
      const body = await ok('GetAccessKeyLastUsed', { AccessKeyId: accessKeyId });
      const used = body.AccessKeyLastUsed as Body;
      return used.LastUsedDate !== undefined ? body : undefined;
    });
    const used = lastUsed.AccessKeyLastUsed as Body;
    expect(lastUsed.UserName).toBe('alice');
    expect(used).toEqual({
      LastUsedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/),
      ServiceName: 'sts',
      Region: 'us-east-1',
    });
    // To the minute: no later than now, and not before the minute the key was first used in.
    const date = Date.parse(used.LastUsedDate as string);
    expect(date).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000);
    expect(date).toBeLessThanOrEqual(Date.now());
  });

  it('a root key (the operator’s bootstrap key), used for iam: answered to its account, without UserName', async () => {
    const management = h.managementAccountId;
    const res = await callApi(h.httpUrl, 'ListUsers', {}, { credentials: TEST_BOOTSTRAP_KEY });
    expect(res.status).toBe(200);
    const asRoot = { actor: `arn:aws:iam::${management}:root` };
    const lastUsed = await eventually('the root key’s recorded use', async () => {
      const reply = await h.call(
        'GetAccessKeyLastUsed',
        { AccessKeyId: TEST_BOOTSTRAP_KEY.accessKeyId },
        asRoot,
      );
      expect(reply.status).toBe(200);
      return (reply.body.AccessKeyLastUsed as Body).LastUsedDate !== undefined
        ? reply.body
        : undefined;
    });
    expect(lastUsed.UserName).toBeUndefined();
    expect(lastUsed.AccessKeyLastUsed).toEqual({
      LastUsedDate: expect.any(String),
      ServiceName: 'iam',
      Region: 'us-east-1',
    });
    // Another account's root key is no key of this account.
    const elsewhere = await h.call('GetAccessKeyLastUsed', {
      AccessKeyId: TEST_BOOTSTRAP_KEY.accessKeyId,
    });
    expect([elsewhere.status, (elsewhere.body.Error as Body).Code]).toEqual([404, 'NoSuchEntity']);
  });
});
