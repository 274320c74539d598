import { IamEventType } from '@portcullis/contracts';
import { COMMAND_CATALOG } from '../pipeline/command-catalog';
import {
  ACCOUNT,
  allow,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  OTHER_ACCOUNT,
  ROOT,
  TRUST_EC2,
  typesOf,
  userArn,
} from '../shared/testing/command-side.fixture';
import { accessKeySecretBinding } from './credential-secrets.port';

/**
 * The account's root managing its own access keys: CreateAccessKey, UpdateAccessKey,
 * DeleteAccessKey and ListAccessKeys without UserName act on the root's keys (AWS: "this operation
 * works for access keys under the AWS account"); anyone else but an IAM user must name the user.
 */

const MANAGEMENT_ROOT = 'arn:aws:iam::000000000000:root';
const ALICE = userArn('alice');
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ops/s-1`;
const UNKNOWN = 'AKIAUNKNOWNUNKNOWN22';
const NON_USER = {
  Code: 'ValidationError',
  Message: 'Must specify userName when calling with non-User credentials',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const resultOf = (decision: Awaited<ReturnType<CommandSide['when']>>): any =>
  decision.kind === 'rejected' ? undefined : decision.result;

describe('the root’s own access keys (no UserName, called by the account’s root)', () => {
  let side: CommandSide;
  /** The root's first key, created with the account. */
  let first: string;

  const listed = async (actor = ROOT) =>
    resultOf(await side.when('ListAccessKeys', {}, { actor })) as {
      AccessKeyMetadata: object[];
      IsTruncated: boolean;
    };
  const rootKeyIds = () => side.accounts.get(ACCOUNT).rootAccessKeyIds();

  beforeEach(async () => {
    side = await CommandSide.start();
    const created = await side.when(
      'CreateAccount',
      { AccountName: 'a' },
      { actor: MANAGEMENT_ROOT },
    );
    first = resultOf(created).AccessKey.AccessKeyId;
  });

  it('ListAccessKeys lists the root’s key, without UserName (and no secret)', async () => {
    expect(await listed()).toEqual({
      AccessKeyMetadata: [{ AccessKeyId: first, Status: 'Active', CreateDate: NOW.toISOString() }],
      IsTruncated: false,
    });
  });

  it('CreateAccessKey creates a second root key: sealed bound to the account id, no UserName in the reply; a retry answers the same reply', async () => {
    const decision = await side.when('CreateAccessKey', {}, { commandId: 'rk-2' });
    expect(typesOf(decision)).toEqual([IamEventType.RootAccessKeyCreated]);
    const event = eventsOf(decision)[0].payload as {
      accountId: string;
      accessKeyId: string;
      sealedSecretAccessKey: string;
    };
    expect(event).toEqual({
      accountId: ACCOUNT,
      accessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      status: 'Active',
      sealedSecretAccessKey: expect.stringMatching(/^v1\.test\./),
      createDate: NOW.toISOString(),
    });
    const binding = accessKeySecretBinding(ACCOUNT, event.accessKeyId);
    const result = resultOf(decision);
    expect(result).toEqual({
      AccessKey: {
        AccessKeyId: event.accessKeyId,
        Status: 'Active',
        SecretAccessKey: { Sealed: event.sealedSecretAccessKey, BoundTo: binding },
        CreateDate: NOW.toISOString(),
      },
    });
    expect(result.AccessKey).not.toHaveProperty('UserName');
    expect(rootKeyIds()).toEqual([first, event.accessKeyId]);

    // The retry (same command id) answers the first reply, rebuilt from the event: same key,
    // the secret sealed identically.
    const retry = await side.when('CreateAccessKey', {}, { commandId: 'rk-2' });
    expect(retry).toMatchObject({ kind: 'duplicate', result });
    expect(rootKeyIds()).toHaveLength(2);

    const listing = await listed();
    expect(listing.AccessKeyMetadata).toHaveLength(2);
    expect(listing.AccessKeyMetadata).toEqual(
      expect.arrayContaining([
        { AccessKeyId: first, Status: 'Active', CreateDate: NOW.toISOString() },
        { AccessKeyId: event.accessKeyId, Status: 'Active', CreateDate: NOW.toISOString() },
      ]),
    );
  });

  it('the revealed secret is the one sealed in the event; it opens only bound to (account id, key id)', async () => {
    const result = resultOf(await side.when('CreateAccessKey', {}));
    const revealed = COMMAND_CATALOG.CreateAccessKey.revealSecrets!(result, side.secrets, {
      accountId: ACCOUNT,
      actor: ROOT,
    }) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
    expect(revealed.AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(revealed).toEqual({
      AccessKey: { ...result.AccessKey, SecretAccessKey: revealed.AccessKey.SecretAccessKey },
    });
    const id = revealed.AccessKey.AccessKeyId;
    const { sealedSecretAccessKey } = side.accounts.get(ACCOUNT).rootAccessKey(id)!;
    expect(side.secrets.open(sealedSecretAccessKey, accessKeySecretBinding(ACCOUNT, id))).toBe(
      revealed.AccessKey.SecretAccessKey,
    );
    expect(() =>
      side.secrets.open(sealedSecretAccessKey, accessKeySecretBinding(OTHER_ACCOUNT, id)),
    ).toThrow('sealed value failed authentication');
  });

  it('a third root key: LimitExceeded, nothing appended', async () => {
    await side.given(['CreateAccessKey', {}]);
    const before = side.sequence();
    expect(errorOf(await side.when('CreateAccessKey', {}))).toEqual({
      Code: 'LimitExceeded',
      Message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
    expect(side.sequence()).toBe(before);
  });

  it('UpdateAccessKey deactivates a root key (AWS answers nothing); the list shows it Inactive', async () => {
    const decision = await side.when('UpdateAccessKey', { AccessKeyId: first, Status: 'Inactive' });
    expect(eventsOf(decision)).toEqual([
      {
        type: IamEventType.RootAccessKeyUpdated,
        sequence: expect.any(Number),
        payload: { accountId: ACCOUNT, accessKeyId: first, status: 'Inactive' },
      },
    ]);
    expect(resultOf(decision)).toEqual({});
    expect(side.accounts.get(ACCOUNT).rootAccessKey(first)?.status).toBe('Inactive');
    expect((await listed()).AccessKeyMetadata).toEqual([
      { AccessKeyId: first, Status: 'Inactive', CreateDate: NOW.toISOString() },
    ]);
  });

  it('DeleteAccessKey deletes a root key (AWS answers nothing); the list is then empty', async () => {
    const decision = await side.when('DeleteAccessKey', { AccessKeyId: first });
    expect(typesOf(decision)).toEqual([IamEventType.RootAccessKeyDeleted]);
    expect(eventsOf(decision)[0].payload).toEqual({ accountId: ACCOUNT, accessKeyId: first });
    expect(resultOf(decision)).toEqual({});
    expect(rootKeyIds()).toEqual([]);
    expect(await listed()).toEqual({ AccessKeyMetadata: [], IsTruncated: false });
  });

  it('an unknown key id, or a user’s key, is no key of the root: NoSuchEntity, nothing appended', async () => {
    await side.given(['CreateUser', { UserName: 'alice' }]);
    const alices = resultOf(await side.when('CreateAccessKey', { UserName: 'alice' })).AccessKey
      .AccessKeyId as string;
    const before = side.sequence();
    for (const id of [UNKNOWN, alices]) {
      const noSuchKey = {
        Code: 'NoSuchEntity',
        Message: `The Access Key with id ${id} cannot be found.`,
      };
      expect(
        errorOf(await side.when('UpdateAccessKey', { AccessKeyId: id, Status: 'Inactive' })),
      ).toEqual(noSuchKey);
      expect(errorOf(await side.when('DeleteAccessKey', { AccessKeyId: id }))).toEqual(noSuchKey);
    }
    expect(side.sequence()).toBe(before);
  });

  it('with UserName the root acts on that user’s keys, as before', async () => {
    await side.given(['CreateUser', { UserName: 'alice' }]);
    const decision = await side.when('CreateAccessKey', { UserName: 'alice' });
    expect(typesOf(decision)).toEqual([IamEventType.AccessKeyCreated]);
    expect(resultOf(decision).AccessKey.UserName).toBe('alice');
    expect(rootKeyIds()).toEqual([first]);
  });

  it('a role session without UserName still must name the user: ValidationError, nothing appended', async () => {
    await side.given(
      ['CreateRole', { RoleName: 'ops', AssumeRolePolicyDocument: TRUST_EC2 }],
      ['PutRolePolicy', { RoleName: 'ops', PolicyName: 'all', PolicyDocument: allow('iam:*') }],
    );
    const before = side.sequence();
    const asSession = { actor: SESSION };
    expect(errorOf(await side.when('CreateAccessKey', {}, asSession))).toEqual(NON_USER);
    expect(
      errorOf(
        await side.when('UpdateAccessKey', { AccessKeyId: first, Status: 'Inactive' }, asSession),
      ),
    ).toEqual(NON_USER);
    expect(errorOf(await side.when('DeleteAccessKey', { AccessKeyId: first }, asSession))).toEqual(
      NON_USER,
    );
    expect(errorOf(await side.when('ListAccessKeys', {}, asSession))).toEqual(NON_USER);
    expect(side.sequence()).toBe(before);
    expect(side.accounts.get(ACCOUNT).rootAccessKey(first)?.status).toBe('Active');
  });

  it('another account’s root is not this account’s root: it never reaches the root’s keys', async () => {
    const before = side.sequence();
    const foreign = { actor: `arn:aws:iam::${OTHER_ACCOUNT}:root` };
    expect((await side.when('CreateAccessKey', {}, foreign)).kind).toBe('rejected');
    expect((await side.when('DeleteAccessKey', { AccessKeyId: first }, foreign)).kind).toBe(
      'rejected',
    );
    expect(side.sequence()).toBe(before);
    expect(rootKeyIds()).toEqual([first]);
  });

  it('an IAM user without UserName still acts on itself, not on the root', async () => {
    await side.given(
      ['CreateUser', { UserName: 'alice' }],
      [
        'PutUserPolicy',
        {
          UserName: 'alice',
          PolicyName: 'self',
          PolicyDocument: allow('iam:*AccessKey*', 'arn:aws:iam::*:user/${aws:username}'),
        },
      ],
    );
    const asAlice = { actor: ALICE };
    const created = await side.when('CreateAccessKey', {}, asAlice);
    expect(typesOf(created)).toEqual([IamEventType.AccessKeyCreated]);
    const key = resultOf(created).AccessKey;
    expect(key).toMatchObject({ UserName: 'alice', Status: 'Active' });
    expect(await listed(ALICE)).toEqual({
      AccessKeyMetadata: [
        {
          UserName: 'alice',
          AccessKeyId: key.AccessKeyId,
          Status: 'Active',
          CreateDate: NOW.toISOString(),
        },
      ],
      IsTruncated: false,
    });
    expect(
      typesOf(
        await side.when(
          'UpdateAccessKey',
          { AccessKeyId: key.AccessKeyId, Status: 'Inactive' },
          asAlice,
        ),
      ),
    ).toEqual([IamEventType.AccessKeyUpdated]);
    // The root's key is no key of alice's.
    expect(errorOf(await side.when('DeleteAccessKey', { AccessKeyId: first }, asAlice))).toEqual({
      Code: 'NoSuchEntity',
      Message: `The Access Key with id ${first} cannot be found.`,
    });
    expect(rootKeyIds()).toEqual([first]);
  });
});
