import { IamEventType } from '@portcullis/contracts';
import { ACCOUNT_ID, now, random, Scenario } from '../testing/account.fixture';

const KEY1 = 'AKIAAAAAAAAAAAAAAAA1';
const KEY2 = 'AKIAAAAAAAAAAAAAAAA2';
const KEY3 = 'AKIAAAAAAAAAAAAAAAA3';
const SEALED = 'v1.k1.AAAAAAAAAAAAAAAA.sealed-root-secret';

const created = () => Scenario.given((a) => a.createAccount({ accountName: 'Acme', now }));
const rootKey = (accessKeyId: string) => ({ accessKeyId, sealedSecretAccessKey: SEALED, now });

describe('root access keys', () => {
  it('CreateRootAccessKey raises root-access-key-created: Active, sealed secret as given', () => {
    const s = created();
    expect(s.when((a) => a.createRootAccessKey(rootKey(KEY1)))).toEqual([
      {
        type: IamEventType.RootAccessKeyCreated,
        sequence: 2,
        payload: {
          accountId: ACCOUNT_ID,
          accessKeyId: KEY1,
          status: 'Active',
          sealedSecretAccessKey: SEALED,
          createDate: now.toISOString(),
        },
      },
    ]);
    expect(s.account.rootAccessKey(KEY1)).toEqual({
      status: 'Active',
      sealedSecretAccessKey: SEALED,
    });
    expect(s.account.rootAccessKeyIds()).toEqual([KEY1]);
  });

  it('needs the account to exist', () => {
    Scenario.given().rejects((a) => a.createRootAccessKey(rootKey(KEY1)), 'NoSuchEntity');
  });

  it('at most two, as AWS allows the root; an id in use (root or user) is refused', () => {
    const s = created();
    s.when((a) => a.createRootAccessKey(rootKey(KEY1)));
    s.rejects((a) => a.createRootAccessKey(rootKey(KEY1)), 'EntityAlreadyExists');
    s.when((a) => a.createRootAccessKey(rootKey(KEY2)));
    s.rejects((a) => a.createRootAccessKey(rootKey(KEY3)), 'LimitExceeded');

    const u = created();
    u.when((a) => a.createUser({ userName: 'alice', now, random }));
    u.when((a) =>
      a.createAccessKey({
        userName: 'alice',
        accessKeyId: KEY1,
        sealedSecretAccessKey: SEALED,
        now,
      }),
    );
    u.rejects((a) => a.createRootAccessKey(rootKey(KEY1)), 'EntityAlreadyExists');
    u.when((a) => a.createRootAccessKey(rootKey(KEY2)));
    expect(() =>
      u.account.createAccessKey({
        userName: 'alice',
        accessKeyId: KEY2,
        sealedSecretAccessKey: SEALED,
        now,
      }),
    ).toThrow(/already in use/);
  });

  it('status changes once; the same status raises nothing; delete removes it', () => {
    const s = created();
    s.when((a) => a.createRootAccessKey(rootKey(KEY1)));
    expect(s.when((a) => a.updateRootAccessKey({ accessKeyId: KEY1, status: 'Inactive' }))).toEqual(
      [
        {
          type: IamEventType.RootAccessKeyUpdated,
          sequence: 3,
          payload: { accountId: ACCOUNT_ID, accessKeyId: KEY1, status: 'Inactive' },
        },
      ],
    );
    expect(s.when((a) => a.updateRootAccessKey({ accessKeyId: KEY1, status: 'Inactive' }))).toEqual(
      [],
    );
    expect(s.account.rootAccessKey(KEY1)?.status).toBe('Inactive');
    s.when((a) => a.deleteRootAccessKey({ accessKeyId: KEY1 }));
    expect(s.account.rootAccessKey(KEY1)).toBeUndefined();
    s.rejects((a) => a.deleteRootAccessKey({ accessKeyId: KEY1 }), 'NoSuchEntity');
    s.rejects(
      (a) => a.updateRootAccessKey({ accessKeyId: KEY2, status: 'Active' }),
      'NoSuchEntity',
    );
  });
});
