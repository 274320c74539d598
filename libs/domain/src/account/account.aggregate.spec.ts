import { IamEventType } from '@portcullis/contracts';
import { Account } from './account.aggregate';
import { IamError } from './account.errors';

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
    const put = account.putUserPolicy({ userName: 'Alice', policyName: 'p', policyDocument: '{}' });
    expect(put.payload).toEqual({
      userName: 'alice',
      userArn: 'arn:aws:iam::123456789012:user/alice',
      policyName: 'p',
      policyDocument: '{}',
    });
    let error: unknown;
    try {
      account.putUserPolicy({ userName: 'bob', policyName: 'p', policyDocument: '{}' });
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
});
