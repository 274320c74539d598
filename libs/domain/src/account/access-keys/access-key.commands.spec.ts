import { IamEventType } from '@portcullis/contracts';
import { accountLimits } from '../account.limits';
import { now, random, Scenario, userArn } from '../testing/account.fixture';

const KEY1 = 'AKIAAAAAAAAAAAAAAAA1';
const KEY2 = 'AKIAAAAAAAAAAAAAAAA2';
const KEY3 = 'AKIAAAAAAAAAAAAAAAA3';
const SEALED = 'v1.k1.AAAAAAAAAAAAAAAA.sealed-secret-opaque-to-the-domain';

const withAlice = () => Scenario.given((a) => a.createUser({ userName: 'alice', now, random }));
const createKey = (accessKeyId: string, userName = 'alice') => ({
  userName,
  accessKeyId,
  sealedSecretAccessKey: SEALED,
  now,
});

describe('CreateAccessKey', () => {
  it('raises access-key-created: Active, the sealed secret as given, the owner by name, id and ARN', () => {
    const s = withAlice();
    const userId = s.account.getUser('alice')!.userId;
    const [created] = s.when((a) => a.createAccessKey(createKey(KEY1)));
    expect(created).toEqual({
      type: IamEventType.AccessKeyCreated,
      sequence: 2,
      payload: {
        userName: 'alice',
        userId,
        userArn: userArn('alice'),
        accessKeyId: KEY1,
        status: 'Active',
        sealedSecretAccessKey: SEALED,
        createDate: now.toISOString(),
      },
    });
    expect(s.account.listAccessKeys('alice')).toEqual([
      { userName: 'alice', accessKeyId: KEY1, status: 'Active', createDate: now.toISOString() },
    ]);
    expect(s.account.accessKeyOwner(KEY1)).toBe('alice');
  });

  it('two keys per user, active or not: a third is LimitExceeded with AWS’s message', () => {
    const s = withAlice();
    s.when((a) => a.createAccessKey(createKey(KEY1)));
    s.when((a) => a.createAccessKey(createKey(KEY2)));
    s.when((a) => a.updateAccessKey({ userName: 'alice', accessKeyId: KEY1, status: 'Inactive' }));
    s.rejects(
      (a) => a.createAccessKey(createKey(KEY3)),
      'LimitExceeded',
      'Cannot exceed quota for AccessKeysPerUser: 2',
    );
  });

  it('honours a deployment’s own quota', () => {
    const s = Scenario.given((a) => a.createUser({ userName: 'alice', now, random }), {
      limits: accountLimits({ accessKeysPerUser: 1 }),
    });
    s.when((a) => a.createAccessKey(createKey(KEY1)));
    s.rejects((a) => a.createAccessKey(createKey(KEY2)), 'LimitExceeded', /AccessKeysPerUser: 1/);
  });

  it('an unknown user is NoSuchEntity; a malformed key id a ValidationError', () => {
    const s = withAlice();
    s.rejects(
      (a) => a.createAccessKey(createKey(KEY1, 'bob')),
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    );
    s.rejects((a) => a.createAccessKey(createKey('AKIA-short')), 'ValidationError', /accessKeyId/);
  });
});

describe('UpdateAccessKey / DeleteAccessKey', () => {
  it('Active ⇄ Inactive; the status it has already raises nothing', () => {
    const s = withAlice();
    s.when((a) => a.createAccessKey(createKey(KEY1)));
    const input = { userName: 'alice', accessKeyId: KEY1, status: 'Inactive' as const };
    expect(s.when((a) => a.updateAccessKey(input))).toMatchObject([
      { type: IamEventType.AccessKeyUpdated, payload: { accessKeyId: KEY1, status: 'Inactive' } },
    ]);
    expect(s.when((a) => a.updateAccessKey(input))).toEqual([]);
    expect(s.account.listAccessKeys('alice')![0].status).toBe('Inactive');
  });

  it('a key of another user, or none, is NoSuchEntity with AWS’s message', () => {
    const s = withAlice();
    s.when((a) => a.createUser({ userName: 'bob', now, random }));
    s.when((a) => a.createAccessKey(createKey(KEY1, 'bob')));
    const message = `The Access Key with id ${KEY1} cannot be found.`;
    s.rejects(
      (a) => a.deleteAccessKey({ userName: 'alice', accessKeyId: KEY1 }),
      'NoSuchEntity',
      message,
    );
    s.rejects(
      (a) => a.updateAccessKey({ userName: 'alice', accessKeyId: KEY1, status: 'Active' }),
      'NoSuchEntity',
      message,
    );
  });

  it('deleting frees the quota and forgets the owner', () => {
    const s = withAlice();
    s.when((a) => a.createAccessKey(createKey(KEY1)));
    s.when((a) => a.createAccessKey(createKey(KEY2)));
    s.when((a) => a.deleteAccessKey({ userName: 'alice', accessKeyId: KEY1 }));
    expect(s.account.accessKeyOwner(KEY1)).toBeUndefined();
    s.when((a) => a.createAccessKey(createKey(KEY3)));
    expect(s.account.listAccessKeys('alice')!.map((k) => k.accessKeyId)).toEqual([KEY2, KEY3]);
  });

  it('keys follow a renamed user (keyed by the user, not its name)', () => {
    const s = withAlice();
    s.when((a) => a.createAccessKey(createKey(KEY1)));
    s.when((a) => a.updateUser({ userName: 'alice', newUserName: 'alicia' }));
    expect(s.account.accessKeyOwner(KEY1)).toBe('alicia');
    s.when((a) => a.deleteAccessKey({ userName: 'alicia', accessKeyId: KEY1 }));
  });
});

describe('DeleteUser with credentials', () => {
  it('conflicts while the user has a login profile, access keys or MFA devices, in that order', () => {
    const s = withAlice();
    s.when((a) => a.createAccessKey(createKey(KEY1)));
    s.when((a) => a.createLoginProfile({ userName: 'alice', passwordHash: '$scrypt$h', now }));
    s.when((a) =>
      a.createVirtualMfaDevice({ virtualMfaDeviceName: 'phone', sealedSeed: SEALED, now }),
    );
    const serialNumber = `arn:aws:iam::${s.account.accountId}:mfa/phone`;
    s.when((a) =>
      a.enableMfaDevice({
        userName: 'alice',
        serialNumber,
        now,
        verifyCodes: () => ({ ok: true, step: 1 }),
      }),
    );
    const del = (a: Parameters<Parameters<Scenario['rejects']>[0]>[0]) =>
      a.deleteUser({ userName: 'alice' });
    s.rejects(del, 'DeleteConflict', 'Cannot delete entity, must delete login profile first.');
    s.when((a) => a.deleteLoginProfile({ userName: 'alice' }));
    s.rejects(del, 'DeleteConflict', 'Cannot delete entity, must delete access keys first.');
    s.when((a) => a.deleteAccessKey({ userName: 'alice', accessKeyId: KEY1 }));
    s.rejects(del, 'DeleteConflict', 'Cannot delete entity, must delete MFA device first.');
    s.when((a) => a.deactivateMfaDevice({ userName: 'alice', serialNumber }));
    expect(s.when(del)).toMatchObject([{ type: IamEventType.UserDeleted }]);
  });
});
