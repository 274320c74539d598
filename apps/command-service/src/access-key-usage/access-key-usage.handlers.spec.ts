import { IamEventType } from '@portcullis/contracts';
import {
  ACCOUNT,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  OTHER_ACCOUNT,
  userArn,
} from '../shared/testing/command-side.fixture';

/**
 * RecordAccessKeyUsage (internal, from the HTTP edge's recorder) and what GetAccessKeyLastUsed
 * answers from it: users' keys and the root's.
 */

const SERVICE = { authenticatedBy: 'service' as const };
const MANAGEMENT_ROOT = 'arn:aws:iam::000000000000:root';
const ALICE = userArn('alice');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resultOf = (decision: Awaited<ReturnType<CommandSide['when']>>): any =>
  decision.kind === 'rejected' ? undefined : decision.result;

const usage = (AccessKeyId: string, LastUsedDate: string, ServiceName = 'sts') => ({
  AccessKeyId,
  LastUsedDate,
  ServiceName,
  Region: 'us-east-1',
});

describe('RecordAccessKeyUsage → GetAccessKeyLastUsed', () => {
  let side: CommandSide;
  let aliceKey: string;
  let rootKey: string;

  const lastUsed = async (AccessKeyId: string, actor?: string) =>
    resultOf(
      await side.when('GetAccessKeyLastUsed', { AccessKeyId }, actor ? { actor } : {}),
    ) as unknown;

  beforeEach(async () => {
    side = await CommandSide.start();
    const account = await side.when(
      'CreateAccount',
      { AccountName: 'acme' },
      { actor: MANAGEMENT_ROOT },
    );
    rootKey = resultOf(account).AccessKey.AccessKeyId;
    await side.given(['CreateUser', { UserName: 'alice' }]);
    aliceKey = resultOf(await side.when('CreateAccessKey', { UserName: 'alice' })).AccessKey
      .AccessKeyId;
  });

  it('records the keys’ uses (to the minute) and GetAccessKeyLastUsed answers them', async () => {
    expect(await lastUsed(aliceKey)).toEqual({
      UserName: 'alice',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
    const decision = await side.when(
      'RecordAccessKeyUsage',
      {
        Usage: [
          usage(aliceKey, '2026-03-04T05:06:07.000Z'),
          usage(rootKey, '2026-03-04T05:09:00.000Z', 'iam'),
        ],
      },
      { caller: SERVICE },
    );
    expect(resultOf(decision)).toEqual({});
    expect(eventsOf(decision).map((e) => [e.type, e.payload])).toEqual([
      [
        IamEventType.AccessKeyUsed,
        {
          accountId: ACCOUNT,
          accessKeyId: aliceKey,
          userName: 'alice',
          lastUsedDate: '2026-03-04T05:06:00.000Z',
          serviceName: 'sts',
          region: 'us-east-1',
        },
      ],
      [
        IamEventType.AccessKeyUsed,
        {
          accountId: ACCOUNT,
          accessKeyId: rootKey,
          lastUsedDate: '2026-03-04T05:09:00.000Z',
          serviceName: 'iam',
          region: 'us-east-1',
        },
      ],
    ]);
    expect(await lastUsed(aliceKey)).toEqual({
      UserName: 'alice',
      AccessKeyLastUsed: {
        LastUsedDate: '2026-03-04T05:06:00.000Z',
        ServiceName: 'sts',
        Region: 'us-east-1',
      },
    });
    // A root key: answered for the account's own root keys, without UserName.
    expect(await lastUsed(rootKey)).toEqual({
      AccessKeyLastUsed: {
        LastUsedDate: '2026-03-04T05:09:00.000Z',
        ServiceName: 'iam',
        Region: 'us-east-1',
      },
    });
    // Another account's root key is no key of this one.
    expect(
      errorOf(
        await side.when(
          'GetAccessKeyLastUsed',
          { AccessKeyId: rootKey },
          { accountId: OTHER_ACCOUNT },
        ),
      ).Code,
    ).toBe('NoSuchEntity');
  });

  it('an IAM user allowed iam:GetAccessKeyLastUsed on itself reads its own key', async () => {
    await side.given([
      'PutUserPolicy',
      {
        UserName: 'alice',
        PolicyName: 'self',
        PolicyDocument: allow('iam:GetAccessKeyLastUsed', ALICE),
      },
    ]);
    expect(await lastUsed(aliceKey, ALICE)).toEqual({
      UserName: 'alice',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
  });

  it('a batch again, or an older use, raises nothing; a deleted key is skipped without error', async () => {
    const batch = { Usage: [usage(aliceKey, '2026-03-04T05:06:07.000Z')] };
    await side.given(['RecordAccessKeyUsage', batch, { caller: SERVICE }]);
    const again = await side.when('RecordAccessKeyUsage', batch, { caller: SERVICE });
    expect(eventsOf(again)).toEqual([]);
    const older = await side.when(
      'RecordAccessKeyUsage',
      { Usage: [usage(aliceKey, '2026-03-04T04:00:00.000Z', 'iam')] },
      { caller: SERVICE },
    );
    expect(eventsOf(older)).toEqual([]);

    await side.given(['DeleteAccessKey', { UserName: 'alice', AccessKeyId: aliceKey }]);
    const afterDelete = await side.when(
      'RecordAccessKeyUsage',
      {
        Usage: [
          usage(aliceKey, '2026-03-04T06:00:00.000Z'),
          usage(rootKey, '2026-03-04T06:00:00.000Z'),
        ],
      },
      { caller: SERVICE },
    );
    expect(eventsOf(afterDelete).map((e) => e.payload)).toEqual([
      expect.objectContaining({ accessKeyId: rootKey }),
    ]);
  });

  it('only from a Portcullis service: a user, even the root, gets InvalidAction', async () => {
    const batch = { Usage: [usage(aliceKey, '2026-03-04T05:06:07.000Z')] };
    const refusal = {
      Code: 'InvalidAction',
      Message: 'The action RecordAccessKeyUsage is not valid for this web service.',
    };
    expect(errorOf(await side.when('RecordAccessKeyUsage', batch))).toEqual(refusal);
    expect(
      errorOf(
        await side.when('RecordAccessKeyUsage', batch, {
          caller: { authenticatedBy: 'access-key', accessKeyId: rootKey },
        }),
      ),
    ).toEqual(refusal);
    expect(await lastUsed(aliceKey)).toEqual({
      UserName: 'alice',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
  });

  it('validates the batch: AWS-shaped members, a date, at most 100 keys', async () => {
    const refused = async (input: object) =>
      errorOf(await side.when('RecordAccessKeyUsage', input, { caller: SERVICE })).Code;
    expect(await refused({ Usage: [] })).toBe('ValidationError');
    expect(await refused({ Usage: [usage(aliceKey, 'yesterday')] })).toBe('ValidationError');
    expect(
      await refused({ Usage: [{ ...usage(aliceKey, '2026-03-04T05:06:07Z'), Extra: 1 }] }),
    ).toBe('ValidationError');
    expect(
      await refused({ Usage: [usage(aliceKey, '2026-03-04T05:06:07Z', 'Not A Service')] }),
    ).toBe('ValidationError');
    expect(
      await refused({
        Usage: Array.from({ length: 101 }, () => usage(aliceKey, '2026-03-04T05:06:07Z')),
      }),
    ).toBe('ValidationError');
  });
});
