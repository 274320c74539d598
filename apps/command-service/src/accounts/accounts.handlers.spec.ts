import { IamEventType } from '@portcullis/contracts';
import {
  ACCOUNT,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  OTHER_ACCOUNT,
  ROOT,
} from '../shared/testing/command-side.fixture';
import { newAccountIdFor } from './create-account/create-account.routing';

const NEW = '555566667777';
const MANAGEMENT = '000000000000';
const MANAGEMENT_ROOT = `arn:aws:iam::${MANAGEMENT}:root`;

describe('accounts (given history, when command, then events or error)', () => {
  let side: CommandSide;
  const asManagement = { actor: MANAGEMENT_ROOT };

  beforeEach(async () => {
    side = await CommandSide.start();
  });

  it('CreateAccount (by the management root) creates the account named by the envelope and its root key', async () => {
    const decision = await side.when(
      'CreateAccount',
      { AccountName: 'Acme Production' },
      { accountId: NEW, commandId: 'a1', ...asManagement },
    );
    const [created, key] = eventsOf(decision);
    expect(created).toEqual({
      type: IamEventType.AccountCreated,
      sequence: 1,
      payload: {
        accountId: NEW,
        accountName: 'Acme Production',
        rootArn: `arn:aws:iam::${NEW}:root`,
        createDate: NOW.toISOString(),
      },
    });
    expect(key).toEqual({
      type: IamEventType.RootAccessKeyCreated,
      sequence: 2,
      payload: {
        accountId: NEW,
        accessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
        status: 'Active',
        sealedSecretAccessKey: expect.stringMatching(/^v1\./),
        createDate: NOW.toISOString(),
      },
    });
    const payload = (key as { payload: { accessKeyId: string; sealedSecretAccessKey: string } })
      .payload;
    const expected = {
      Account: {
        AccountId: NEW,
        AccountName: 'Acme Production',
        Arn: `arn:aws:iam::${NEW}:root`,
        CreateDate: NOW.toISOString(),
      },
      AccessKey: {
        AccessKeyId: payload.accessKeyId,
        Status: 'Active',
        CreateDate: NOW.toISOString(),
        // Sealed in the reply (it is published); bound to the account id and the key id.
        SecretAccessKey: {
          Sealed: payload.sealedSecretAccessKey,
          BoundTo: { purpose: 'access-key-secret', userId: NEW, accessKeyId: payload.accessKeyId },
        },
      },
    };
    expect(decision).toMatchObject({ result: expected });
    const secret = side.secrets.open(
      payload.sealedSecretAccessKey,
      expected.AccessKey.SecretAccessKey.BoundTo as never,
    );
    expect(secret).toMatch(/^[A-Za-z0-9/+]{40}$/);
    const retry = await side.when(
      'CreateAccount',
      { AccountName: 'Acme Production' },
      { accountId: NEW, commandId: 'a1', ...asManagement },
    );
    expect(retry).toMatchObject({ kind: 'duplicate', result: expected });
  });

  it('an account with any history cannot be created again: EntityAlreadyExists', async () => {
    await side.given(['CreateUser', { UserName: 'alice' }]);
    expect(
      errorOf(await side.when('CreateAccount', { AccountName: 'again' }, asManagement)),
    ).toEqual({
      Code: 'EntityAlreadyExists',
      Message: `Account ${ACCOUNT} already exists.`,
    });
  });

  it.each([
    ['no AccountName', {}],
    ['an empty AccountName', { AccountName: '' }],
    ['an AccountName of 51 characters', { AccountName: 'a'.repeat(51) }],
    ['an AccountName with a line break', { AccountName: 'a\nb' }],
    ['an AccountId that is not 12 digits', { AccountName: 'a', AccountId: '12345' }],
  ])('refuses %s with ValidationError', async (_what, input) => {
    expect(
      errorOf(await side.when('CreateAccount', input, { accountId: NEW, ...asManagement })).Code,
    ).toBe('ValidationError');
  });

  it.each([
    ['another account’s root', `arn:aws:iam::${OTHER_ACCOUNT}:root`],
    ['the new account’s own root', `arn:aws:iam::${NEW}:root`],
    ['an IAM user of the management account', `arn:aws:iam::${MANAGEMENT}:user/admin`],
  ])('only the management root may create accounts: %s is denied', async (_who, actor) => {
    const decision = await side.when(
      'CreateAccount',
      { AccountName: 'child' },
      { accountId: NEW, actor },
    );
    expect(errorOf(decision)).toEqual({
      Code: 'AccessDenied',
      Message: expect.stringContaining(
        `${actor} is not authorized to perform: organizations:CreateAccount on resource: *`,
      ),
    });
    expect(side.sequence(NEW)).toBe(0);
  });

  it('a management-account user may when its own account vouches for organizations:CreateAccount (stated by the edge)', async () => {
    const admin = `arn:aws:iam::${MANAGEMENT}:user/admin`;
    const vouched = {
      authenticatedBy: 'access-key' as const,
      preAuthorized: ['organizations:CreateAccount *'],
    };
    expect(
      await side.when(
        'CreateAccount',
        { AccountName: 'child' },
        { accountId: NEW, actor: admin, caller: vouched },
      ),
    ).toMatchObject({ kind: 'accepted' });
    // A yes for something else, or a user of another account with the same statement: no.
    const other = `arn:aws:iam::${OTHER_ACCOUNT}:user/admin`;
    expect(
      errorOf(
        await side.when(
          'CreateAccount',
          { AccountName: 'c2' },
          { accountId: '999988887777', actor: other, caller: vouched },
        ),
      ).Code,
    ).toBe('AccessDenied');
    expect(
      errorOf(
        await side.when(
          'CreateAccount',
          { AccountName: 'c3' },
          {
            accountId: '999988887777',
            actor: admin,
            caller: { authenticatedBy: 'access-key', preAuthorized: ['sts:AssumeRole *'] },
          },
        ),
      ).Code,
    ).toBe('AccessDenied');
  });

  describe('BootstrapManagementAccount (internal: sent by the service at start)', () => {
    const KEY = 'AKIAPORTCULLISTESTKY';
    const SECRET = 'portcullisTestBootstrapSecretKey/0123456';
    const service = { authenticatedBy: 'service' } as const;
    const bootstrap = (input: object, caller: object | null = service) =>
      side.when(
        'BootstrapManagementAccount',
        { AccountName: 'management', ...input },
        { accountId: MANAGEMENT, ...(caller !== null ? { caller: caller as never } : {}) },
      );

    it('is no API: refused unless a Portcullis service sent it', async () => {
      for (const caller of [null, { authenticatedBy: 'access-key' }]) {
        expect(
          errorOf(await bootstrap({ AccessKeyId: KEY, SecretAccessKey: SECRET }, caller)),
        ).toEqual({
          Code: 'InvalidAction',
          Message: 'The action BootstrapManagementAccount is not valid for this web service.',
        });
      }
      expect(side.sequence(MANAGEMENT)).toBe(0);
    });

    it('creates the account and makes the operator key an active root key; a second start changes nothing', async () => {
      const first = await bootstrap({ AccessKeyId: KEY, SecretAccessKey: SECRET });
      expect(eventsOf(first).map((e) => e.type)).toEqual([
        IamEventType.AccountCreated,
        IamEventType.RootAccessKeyCreated,
      ]);
      expect(side.accounts.get(MANAGEMENT).rootAccessKey(KEY)?.status).toBe('Active');
      expect(eventsOf(await bootstrap({ AccessKeyId: KEY, SecretAccessKey: SECRET }))).toEqual([]);
    });

    it('reactivates the operator key when it was deactivated; refuses the same id with another secret', async () => {
      await bootstrap({ AccessKeyId: KEY, SecretAccessKey: SECRET });
      side.accounts.get(MANAGEMENT).updateRootAccessKey({ accessKeyId: KEY, status: 'Inactive' });
      side.accounts.get(MANAGEMENT).takePending();
      expect(eventsOf(await bootstrap({ AccessKeyId: KEY, SecretAccessKey: SECRET }))).toEqual([
        {
          type: IamEventType.RootAccessKeyUpdated,
          sequence: expect.any(Number),
          payload: { accountId: MANAGEMENT, accessKeyId: KEY, status: 'Active' },
        },
      ]);
      const other = await bootstrap({ AccessKeyId: KEY, SecretAccessKey: 'x'.repeat(40) });
      expect(errorOf(other).Code).toBe('EntityAlreadyExists');
      expect(JSON.stringify(other)).not.toContain(SECRET);
    });

    it('without an operator key: generates a root key when it creates the account, and only then', async () => {
      const first = await bootstrap({});
      expect(first).toMatchObject({
        kind: 'accepted',
        result: {
          AccountId: MANAGEMENT,
          AccountCreated: true,
          AccessKey: {
            AccessKeyId: expect.stringMatching(/^AKIA/),
            SecretAccessKey: { Sealed: expect.any(String) },
          },
        },
      });
      const again = await bootstrap({});
      expect(eventsOf(again)).toEqual([]);
      expect(again).toMatchObject({ result: { AccountId: MANAGEMENT, AccountCreated: false } });
      expect(side.accounts.get(MANAGEMENT).rootAccessKeyIds()).toHaveLength(1);
    });
  });

  describe('newAccountIdFor (the id is chosen before the command is routed)', () => {
    it('is 12 digits, random without an idempotency key', () => {
      const ids = new Set(Array.from({ length: 20 }, () => newAccountIdFor({})));
      for (const id of ids) expect(id).toMatch(/^\d{12}$/);
      expect(ids.size).toBeGreaterThan(1);
    });

    it('is the same for a retry (same caller and key), so the retry reaches the same account', () => {
      const a = newAccountIdFor({ actor: ROOT, idempotencyKey: 'k-1' });
      expect(newAccountIdFor({ actor: ROOT, idempotencyKey: 'k-1' })).toBe(a);
      expect(a).toMatch(/^\d{12}$/);
      expect(newAccountIdFor({ actor: ROOT, idempotencyKey: 'k-2' })).not.toBe(a);
      expect(newAccountIdFor({ idempotencyKey: 'k-1' })).not.toBe(a);
    });
  });
});
