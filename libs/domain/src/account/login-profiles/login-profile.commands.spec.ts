import { IamEventType } from '@portcullis/contracts';
import { later, now, random, Scenario, userArn } from '../testing/account.fixture';

const H1 = '$scrypt$ln=15,r=8,p=1$salt1$hash1';
const H2 = '$scrypt$ln=15,r=8,p=1$salt2$hash2';
const H3 = '$scrypt$ln=15,r=8,p=1$salt3$hash3';

const withAlice = () => Scenario.given((a) => a.createUser({ userName: 'alice', now, random }));

describe('CreateLoginProfile', () => {
  it('raises login-profile-created with the hash (never a password) and the reset flag', () => {
    const s = withAlice();
    const userId = s.account.getUser('alice')!.userId;
    const [created] = s.when((a) =>
      a.createLoginProfile({
        userName: 'alice',
        passwordHash: H1,
        passwordResetRequired: true,
        now,
      }),
    );
    expect(created).toEqual({
      type: IamEventType.LoginProfileCreated,
      sequence: 2,
      payload: {
        userName: 'alice',
        userId,
        userArn: userArn('alice'),
        passwordHash: H1,
        passwordResetRequired: true,
        createDate: now.toISOString(),
      },
    });
    expect(s.account.getLoginProfile('alice')).toEqual({
      userName: 'alice',
      createDate: now.toISOString(),
      passwordResetRequired: true,
    });
  });

  it('a second one is EntityAlreadyExists; an unknown user NoSuchEntity (also from the context check)', () => {
    const s = withAlice();
    s.when((a) => a.createLoginProfile({ userName: 'alice', passwordHash: H1, now }));
    const exists = 'Login Profile for user alice already exists.';
    s.rejects(
      (a) => a.createLoginProfile({ userName: 'ALICE', passwordHash: H2, now }),
      'EntityAlreadyExists',
      exists,
    );
    s.rejects(
      (a) => a.passwordChangeContext('CreateLoginProfile', 'alice'),
      'EntityAlreadyExists',
      exists,
    );
    s.rejects(
      (a) => a.passwordChangeContext('CreateLoginProfile', 'bob'),
      'NoSuchEntity',
      'The user with name bob cannot be found.',
    );
  });
});

describe('UpdateLoginProfile / ChangePassword / DeleteLoginProfile', () => {
  const withProfile = () => {
    const s = withAlice();
    s.when((a) => a.createLoginProfile({ userName: 'alice', passwordHash: H1, now }));
    return s;
  };

  it('without a login profile: NoSuchEntity with AWS’s message, for every kind', () => {
    const s = withAlice();
    const missing = 'Login Profile for User alice cannot be found.';
    s.rejects(
      (a) => a.updateLoginProfile({ userName: 'alice', passwordHash: H2, now }),
      'NoSuchEntity',
      missing,
    );
    s.rejects(
      (a) => a.changePassword({ userName: 'alice', passwordHash: H2, now }),
      'NoSuchEntity',
      missing,
    );
    s.rejects((a) => a.deleteLoginProfile({ userName: 'alice' }), 'NoSuchEntity', missing);
    s.rejects((a) => a.passwordChangeContext('ChangePassword', 'alice'), 'NoSuchEntity', missing);
  });

  it('UpdateLoginProfile: only what is given changes; nothing new raises nothing', () => {
    const s = withProfile();
    expect(s.when((a) => a.updateLoginProfile({ userName: 'alice', now }))).toEqual([]);
    expect(
      s.when((a) => a.updateLoginProfile({ userName: 'alice', passwordResetRequired: false, now })),
    ).toEqual([]);
    const [updated] = s.when((a) =>
      a.updateLoginProfile({ userName: 'alice', passwordResetRequired: true, now }),
    );
    expect(updated.payload).toEqual({
      userName: 'alice',
      userId: expect.any(String),
      userArn: userArn('alice'),
      passwordResetRequired: true,
    });
    s.when((a) => a.updateLoginProfile({ userName: 'alice', passwordHash: H2, now: later }));
    expect(s.account.getLoginProfile('alice')!.passwordResetRequired).toBe(true);
  });

  it('ChangePassword meets a pending reset; every password goes to the history, newest first', () => {
    const s = withProfile();
    s.when((a) =>
      a.updateLoginProfile({
        userName: 'alice',
        passwordHash: H2,
        passwordResetRequired: true,
        now,
      }),
    );
    const [changed] = s.when((a) =>
      a.changePassword({ userName: 'alice', passwordHash: H3, now: later }),
    );
    expect(changed).toMatchObject({
      type: IamEventType.UserPasswordChanged,
      payload: { userName: 'alice', passwordHash: H3, changedAt: later.toISOString() },
    });
    expect(s.account.getLoginProfile('alice')!.passwordResetRequired).toBe(false);
    const context = s.account.passwordChangeContext('ChangePassword', 'alice');
    expect(context).toEqual({
      userName: 'alice',
      previousHashes: [H3, H2, H1],
      currentHash: H3,
      passwordChangedAt: later.toISOString(),
    });
    // Replay rebuilds what the read API does not show: the hashes.
    expect(s.replay().passwordChangeContext('ChangePassword', 'alice')).toEqual(context);
  });

  it('the history survives deleting the login profile (no laundering a reused password)', () => {
    const s = withProfile();
    s.when((a) => a.deleteLoginProfile({ userName: 'alice' }));
    expect(s.account.getLoginProfile('alice')).toBeUndefined();
    expect(s.account.passwordChangeContext('CreateLoginProfile', 'alice').previousHashes).toEqual([
      H1,
    ]);
  });

  it('keeps at most 24 previous hashes (AWS’s largest PasswordReusePrevention)', () => {
    const s = withProfile();
    for (let i = 0; i < 30; i++) {
      s.account.changePassword({ userName: 'alice', passwordHash: `$scrypt$h${i}`, now });
    }
    s.history.push(...s.account.takePending());
    const hashes = s.account.passwordChangeContext('ChangePassword', 'alice').previousHashes;
    expect(hashes).toHaveLength(24);
    expect(hashes[0]).toBe('$scrypt$h29');
    expect(s.replay().passwordChangeContext('ChangePassword', 'alice').previousHashes).toEqual(
      hashes,
    );
  });

  it('the context carries the account password policy when there is one', () => {
    const s = withProfile();
    expect(s.account.passwordChangeContext('UpdateLoginProfile', 'alice').policy).toBeUndefined();
    const policy = {
      minimumPasswordLength: 10,
      requireSymbols: false,
      requireNumbers: true,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: true,
      passwordReusePrevention: 5,
      hardExpiry: false,
    };
    s.when((a) => a.updateAccountPasswordPolicy({ policy }));
    expect(s.account.passwordChangeContext('UpdateLoginProfile', 'alice').policy).toEqual(policy);
  });
});
