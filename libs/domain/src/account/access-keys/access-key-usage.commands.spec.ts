import { IamEventType } from '@portcullis/contracts';
import { ACCOUNT_ID, now, random, Scenario } from '../testing/account.fixture';

const KEY1 = 'AKIAAAAAAAAAAAAAAAA1';
const KEY2 = 'AKIAAAAAAAAAAAAAAAA2';
const ROOT_KEY = 'AKIAAAAAAAAAAAAAROOT';
const SEALED = 'v1.k1.AAAAAAAAAAAAAAAA.sealed-secret-opaque-to-the-domain';

/** Alice with KEY1 and KEY2; the root with ROOT_KEY. */
const withKeys = () =>
  Scenario.given((a) => {
    a.createAccount({ accountName: 'acme', now });
    a.createUser({ userName: 'alice', now, random });
    for (const accessKeyId of [KEY1, KEY2]) {
      a.createAccessKey({ userName: 'alice', accessKeyId, sealedSecretAccessKey: SEALED, now });
    }
    a.createRootAccessKey({ accessKeyId: ROOT_KEY, sealedSecretAccessKey: SEALED, now });
  });

const use = (accessKeyId: string, at: string, serviceName = 'iam', region = 'us-east-1') => ({
  accessKeyId,
  lastUsedDate: new Date(at),
  serviceName,
  region,
});

describe('RecordAccessKeyUsage', () => {
  it('raises access-key-used per key, to the minute; the root’s key without userName', () => {
    const s = withKeys();
    const raised = s.when((a) =>
      a.recordAccessKeyUsage({
        usage: [
          use(KEY1, '2026-03-04T05:06:07.890Z'),
          use(ROOT_KEY, '2026-03-04T05:07:59.999Z', 'sts', 'eu-west-1'),
        ],
      }),
    );
    expect(raised.map((e) => [e.type, e.payload])).toEqual([
      [
        IamEventType.AccessKeyUsed,
        {
          accountId: ACCOUNT_ID,
          accessKeyId: KEY1,
          userName: 'alice',
          lastUsedDate: '2026-03-04T05:06:00.000Z',
          serviceName: 'iam',
          region: 'us-east-1',
        },
      ],
      [
        IamEventType.AccessKeyUsed,
        {
          accountId: ACCOUNT_ID,
          accessKeyId: ROOT_KEY,
          lastUsedDate: '2026-03-04T05:07:00.000Z',
          serviceName: 'sts',
          region: 'eu-west-1',
        },
      ],
    ]);
    for (const account of [s.account, s.replay()]) {
      expect(account.accessKeyLastUsed(KEY1)).toEqual({
        userName: 'alice',
        lastUsed: {
          lastUsedDate: '2026-03-04T05:06:00.000Z',
          serviceName: 'iam',
          region: 'us-east-1',
        },
      });
      expect(account.accessKeyLastUsed(ROOT_KEY)).toEqual({
        lastUsed: {
          lastUsedDate: '2026-03-04T05:07:00.000Z',
          serviceName: 'sts',
          region: 'eu-west-1',
        },
      });
      // Never used: the owner only.
      expect(account.accessKeyLastUsed(KEY2)).toEqual({ userName: 'alice' });
    }
  });

  it('only a later minute raises again: the same batch twice, an older or same-minute use change nothing', () => {
    const s = withKeys();
    const batch = { usage: [use(KEY1, '2026-03-04T05:06:07.000Z')] };
    expect(s.when((a) => a.recordAccessKeyUsage(batch))).toHaveLength(1);
    expect(s.when((a) => a.recordAccessKeyUsage(batch))).toEqual([]);
    expect(
      s.when((a) =>
        a.recordAccessKeyUsage({
          usage: [
            use(KEY1, '2026-03-04T05:06:59.000Z', 'sts'),
            use(KEY1, '2026-03-04T05:01:00.000Z', 'sts'),
          ],
        }),
      ),
    ).toEqual([]);
    const later = s.when((a) =>
      a.recordAccessKeyUsage({ usage: [use(KEY1, '2026-03-04T05:08:00.000Z', 'sts')] }),
    );
    expect(later.map((e) => e.payload)).toEqual([
      expect.objectContaining({ lastUsedDate: '2026-03-04T05:08:00.000Z', serviceName: 'sts' }),
    ]);
    expect(s.account.accessKeyLastUsed(KEY1)?.lastUsed?.serviceName).toBe('sts');
  });

  it('a key deleted (or unknown) meanwhile is skipped silently; the others are recorded', () => {
    const s = withKeys();
    s.when((a) => a.deleteAccessKey({ userName: 'alice', accessKeyId: KEY1 }));
    s.when((a) => a.deleteRootAccessKey({ accessKeyId: ROOT_KEY }));
    const raised = s.when((a) =>
      a.recordAccessKeyUsage({
        usage: [
          use(KEY1, '2026-03-04T05:06:00.000Z'),
          use(ROOT_KEY, '2026-03-04T05:06:00.000Z'),
          use('AKIAUNKNOWNUNKNOWN22', '2026-03-04T05:06:00.000Z'),
          use(KEY2, '2026-03-04T05:06:00.000Z'),
        ],
      }),
    );
    expect(raised.map((e) => (e.payload as { accessKeyId: string }).accessKeyId)).toEqual([KEY2]);
    expect(s.account.accessKeyLastUsed(KEY1)).toBeUndefined();
    expect(s.account.accessKeyLastUsed(ROOT_KEY)).toBeUndefined();
    // Nothing at all to record: nothing raised, no error.
    expect(
      Scenario.given().when((a) =>
        a.recordAccessKeyUsage({ usage: [use(KEY1, '2026-03-04T05:06:00.000Z')] }),
      ),
    ).toEqual([]);
  });

  it('the use follows the user through a rename', () => {
    const s = withKeys();
    s.when((a) => a.updateUser({ userName: 'alice', newUserName: 'alicia' }));
    const [used] = s.when((a) =>
      a.recordAccessKeyUsage({ usage: [use(KEY1, '2026-03-04T05:06:00.000Z')] }),
    );
    expect(used.payload).toEqual(expect.objectContaining({ userName: 'alicia' }));
    expect(s.replay().accessKeyLastUsed(KEY1)?.userName).toBe('alicia');
  });

  it('refuses malformed usage as a whole: ValidationError, nothing raised', () => {
    const s = withKeys();
    s.rejects(
      (a) =>
        a.recordAccessKeyUsage({
          usage: [use(KEY2, '2026-03-04T05:06:00.000Z'), use('bad key!', 'not a date')],
        }),
      'ValidationError',
      /usage\.1\.accessKeyId.*usage\.1\.lastUsedDate/,
    );
    s.rejects(
      (a) =>
        a.recordAccessKeyUsage({ usage: [use(KEY2, '2026-03-04T05:06:00.000Z', 'IAM service')] }),
      'ValidationError',
      /usage\.0\.serviceName/,
    );
  });
});
