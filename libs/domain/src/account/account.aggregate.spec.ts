import { IAM_EVENT_TYPES, IamEventType } from '@portcullis/contracts';
import { Account } from './account.aggregate';
import { IamError } from './account.errors';
import { doc, Scenario, types } from './testing/account.fixture';

const random = (n: number) => new Uint8Array(n).fill(7);
const now = new Date('2026-01-02T03:04:05.000Z');

describe('Account', () => {
  it('creates a user with an AWS-shaped ARN and id, as a versioned event', () => {
    const account = Account.create('123456789012');
    const event = account.createUser({ userName: 'alice', path: '/eng/', now, random });
    expect(event).toEqual({
      type: IamEventType.UserCreated,
      sequence: 1,
      payload: {
        userName: 'alice',
        userId: 'AIDAHHHHHHHHHHHHHHHHH',
        path: '/eng/',
        arn: 'arn:aws:iam::123456789012:user/eng/alice',
        createDate: '2026-01-02T03:04:05.000Z',
      },
    });
    expect(account.sequence).toBe(1);
    expect(account.takePending()).toEqual([event]);
    expect(account.takePending()).toEqual([]);
  });

  it('refuses a second user of the same name, case-insensitively, and raises nothing', () => {
    const account = Account.create('123456789012');
    account.createUser({ userName: 'alice', path: '/', now, random });
    account.takePending();
    expect(() => account.createUser({ userName: 'ALICE', path: '/', now, random })).toThrow(
      expect.objectContaining({ code: 'EntityAlreadyExists' }),
    );
    expect(account.takePending()).toEqual([]);
    expect(account.sequence).toBe(1);
  });

  it('puts an inline policy on an existing user and refuses an unknown user', () => {
    const account = Account.create('123456789012');
    account.createUser({ userName: 'alice', path: '/', now, random });
    const put = account.putUserPolicy({
      userName: 'Alice',
      policyName: 'p',
      policyDocument: doc(),
    });
    expect(put.payload).toEqual({
      userName: 'alice',
      userArn: 'arn:aws:iam::123456789012:user/alice',
      policyName: 'p',
      policyDocument: doc(),
    });
    let error: unknown;
    try {
      account.putUserPolicy({ userName: 'bob', policyName: 'p', policyDocument: doc() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IamError);
    expect((error as IamError).code).toBe('NoSuchEntity');
  });

  it('rebuilds the same state from its history', () => {
    const live = Account.create('123456789012');
    live.createUser({ userName: 'alice', path: '/', now, random });
    const history = live.takePending();
    const replayed = Account.fromHistory('123456789012', history);
    expect(replayed.sequence).toBe(1);
    expect(() => replayed.createUser({ userName: 'alice', path: '/', now, random })).toThrow(
      'User with name alice already exists.',
    );
  });

  it('rejects a history with a gap', () => {
    expect(() =>
      Account.fromHistory('123456789012', [
        { type: IamEventType.UserCreated, sequence: 2, payload: {} as never },
      ]),
    ).toThrow('does not follow 0');
  });

  it('rejects an event type it does not know, changing nothing', () => {
    const account = Account.create('123456789012');
    expect(() =>
      account.apply({
        type: 'iam.user-renamed.v9' as IamEventType,
        sequence: 1,
        payload: {} as never,
      }),
    ).toThrow('unknown event type iam.user-renamed.v9');
    expect(account.sequence).toBe(0);
  });

  it('replays the log written before this model (user-created, user-policy-put)', () => {
    const replayed = Account.fromHistory('123456789012', [
      {
        type: IamEventType.UserCreated,
        sequence: 1,
        payload: {
          userName: 'alice',
          userId: 'AIDAX',
          path: '/',
          arn: 'arn:aws:iam::123456789012:user/alice',
          createDate: now.toISOString(),
        },
      },
      {
        type: IamEventType.UserPolicyPut,
        sequence: 2,
        payload: {
          userName: 'alice',
          userArn: 'arn:aws:iam::123456789012:user/alice',
          policyName: 'p',
          policyDocument: '{}',
        },
      },
    ]);
    expect(replayed.listUserPolicies('alice')).toEqual(['p']);
  });

  it('has an explicit, versioned type for every change, all different', () => {
    // 40 of the IAM write model, 14 of credentials.
    expect(IAM_EVENT_TYPES).toHaveLength(60);
    expect(new Set(IAM_EVENT_TYPES).size).toBe(60);
    for (const type of IAM_EVENT_TYPES) expect(type).toMatch(/^iam\.[a-z]+(-[a-z]+)*\.v1$/);
  });

  it('answers the events each command raised, and nothing for a rejected one', () => {
    const s = Scenario.given();
    const events = s.when((a) => a.createGroup({ groupName: 'g', now, random }));
    expect(types(events)).toEqual([IamEventType.GroupCreated]);
    s.rejects((a) => a.createGroup({ groupName: 'G', now, random }), 'EntityAlreadyExists');
  });

  it('generates 12-digit account ids', () => {
    expect(Account.generateAccountId(random)).toBe('777777777777');
    expect(
      Account.generateAccountId((n) => Uint8Array.from({ length: n }, (_, i) => 250 + i)),
    ).toMatch(/^\d{12}$/);
  });
});

describe('CreateAccount', () => {
  it('creates the account and names its root user', () => {
    const s = Scenario.given();
    const [created] = s.when((a) => a.createAccount({ accountName: 'Acme Prod', now }));
    expect(created).toEqual({
      type: IamEventType.AccountCreated,
      sequence: 1,
      payload: {
        accountId: '123456789012',
        accountName: 'Acme Prod',
        rootArn: 'arn:aws:iam::123456789012:root',
        createDate: now.toISOString(),
      },
    });
    expect(s.account.getAccount()).toEqual({
      accountId: '123456789012',
      accountName: 'Acme Prod',
      rootArn: 'arn:aws:iam::123456789012:root',
      createDate: now.toISOString(),
    });
  });

  it('refuses to create it twice, or over existing history: EntityAlreadyExists', () => {
    Scenario.given((a) => a.createAccount({ accountName: 'a', now })).rejects(
      (a) => a.createAccount({ accountName: 'b', now }),
      'EntityAlreadyExists',
      'Account 123456789012 already exists.',
    );
    Scenario.given((a) => a.createUser({ userName: 'u', now, random })).rejects(
      (a) => a.createAccount({ accountName: 'b', now }),
      'EntityAlreadyExists',
    );
  });

  it('refuses bad names: ValidationError', () => {
    Scenario.given().rejects(
      (a) => a.createAccount({ accountName: '', now }),
      'ValidationError',
      /at 'accountName'/,
    );
    Scenario.given().rejects(
      (a) => a.createAccount({ accountName: 'x'.repeat(51), now }),
      'ValidationError',
      /less than or equal to 50/,
    );
    Scenario.given().rejects(
      (a) => a.createAccount({ accountName: 'tab\there', now }),
      'ValidationError',
      /pattern/,
    );
  });

  it('an account whose log predates account creation still answers its id and root', () => {
    expect(Account.create('000000000001').getAccount()).toEqual({
      accountId: '000000000001',
      rootArn: 'arn:aws:iam::000000000001:root',
    });
  });
});
