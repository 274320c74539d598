import { IamEventType } from '@portcullis/contracts';
import {
  ACCOUNT,
  CommandSide,
  errorOf,
  eventsOf,
  NOW,
  OTHER_ACCOUNT,
  ROOT,
  userArn,
} from '../shared/testing/command-side.fixture';
import { newAccountIdFor } from './create-account/create-account.routing';

const NEW = '555566667777';

describe('accounts (given history, when command, then events or error)', () => {
  let side: CommandSide;

  beforeEach(async () => {
    side = await CommandSide.start();
  });

  it('CreateAccount creates the account named by the envelope and answers AWS’s Account', async () => {
    const decision = await side.when(
      'CreateAccount',
      { AccountName: 'Acme Production' },
      { accountId: NEW, commandId: 'a1' },
    );
    expect(eventsOf(decision)).toEqual([
      {
        type: IamEventType.AccountCreated,
        sequence: 1,
        payload: {
          accountId: NEW,
          accountName: 'Acme Production',
          rootArn: `arn:aws:iam::${NEW}:root`,
          createDate: NOW.toISOString(),
        },
      },
    ]);
    const expected = {
      Account: {
        AccountId: NEW,
        AccountName: 'Acme Production',
        Arn: `arn:aws:iam::${NEW}:root`,
        CreateDate: NOW.toISOString(),
      },
    };
    expect(decision).toMatchObject({ result: expected });
    const retry = await side.when(
      'CreateAccount',
      { AccountName: 'Acme Production' },
      { accountId: NEW, commandId: 'a1' },
    );
    expect(retry).toMatchObject({ kind: 'duplicate', result: expected });
  });

  it('an account with any history cannot be created again: EntityAlreadyExists', async () => {
    await side.given(['CreateUser', { UserName: 'alice' }]);
    expect(errorOf(await side.when('CreateAccount', { AccountName: 'again' }))).toEqual({
      Code: 'EntityAlreadyExists',
      Message: `Account ${ACCOUNT} already exists.`,
    });
  });

  it.each([
    ['no AccountName', {}],
    ['an empty AccountName', { AccountName: '' }],
    ['an AccountName of 51 characters', { AccountName: 'a'.repeat(51) }],
    ['an AccountName with a line break', { AccountName: 'a\nb' }],
  ])('refuses %s with ValidationError', async (_what, input) => {
    expect(errorOf(await side.when('CreateAccount', input, { accountId: NEW })).Code).toBe(
      'ValidationError',
    );
  });

  it('any account’s root may create an account (until authentication lands); IAM users may not', async () => {
    const byOtherRoot = await side.when(
      'CreateAccount',
      { AccountName: 'child' },
      { accountId: NEW, actor: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
    );
    expect(byOtherRoot).toMatchObject({ kind: 'accepted' });

    // Even an IAM user holding AdministratorAccess in its own account is denied.
    await side.given(
      ['CreateUser', { UserName: 'admin' }],
      [
        'AttachUserPolicy',
        { UserName: 'admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
    );
    const byUser = await side.when(
      'CreateAccount',
      { AccountName: 'another' },
      { accountId: '999988887777', actor: userArn('admin') },
    );
    expect(errorOf(byUser)).toEqual({
      Code: 'AccessDenied',
      Message:
        `User: ${userArn('admin')} is not authorized to perform: organizations:CreateAccount on resource: * ` +
        'because no identity-based policy allows the organizations:CreateAccount action',
    });
    expect(side.sequence('999988887777')).toBe(0);
  });

  it('the new account’s own root (the HTTP API’s caller when no actor is named) may create it', async () => {
    const decision = await side.when(
      'CreateAccount',
      { AccountName: 'self' },
      { accountId: NEW, actor: `arn:aws:iam::${NEW}:root` },
    );
    expect(decision).toMatchObject({ kind: 'accepted' });
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
