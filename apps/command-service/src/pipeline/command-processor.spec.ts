import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandEnvelope, IamEventType } from '@portcullis/contracts';
import { generateSealedBoxKeyPair } from '@portcullis/credentials';
import { Clock } from '../shared/clock';
import { CreateUserHandler } from '../users/create-user/create-user.handler';
import { PutUserPolicyHandler } from '../users/put-user-policy/put-user-policy.handler';
import { AccountRepository } from './account.repository';
import { CommandProcessor } from './command-processor';

class FixedClock extends Clock {
  override now(): Date {
    return new Date('2026-03-04T05:06:07.000Z');
  }
  override readonly random = (n: number) => new Uint8Array(n).fill(1);
}

const envelope = (action: string, input: unknown, commandId = `${action}-1`): CommandEnvelope => ({
  commandId,
  correlationId: `corr-${commandId}`,
  accountId: '123456789012',
  actor: 'arn:aws:iam::123456789012:root',
  action,
  input,
});

const POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

describe('CommandProcessor (given history, when command, then events or error)', () => {
  let processor: CommandProcessor;
  let accounts: AccountRepository;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        AccountRepository,
        { provide: Clock, useClass: FixedClock },
        CommandProcessor,
        CreateUserHandler,
        PutUserPolicyHandler,
      ],
    }).compile();
    await moduleRef.init();
    processor = moduleRef.get(CommandProcessor);
    accounts = moduleRef.get(AccountRepository);
  });

  it('validateEnvelope refuses a replyKey no secret could be encrypted to (before anything happens)', () => {
    const good = generateSealedBoxKeyPair().publicKey;
    expect(
      processor.validateEnvelope({ ...envelope('CreateUser', {}), replyKey: good }),
    ).toMatchObject({ ok: true });
    for (const bad of ['A'.repeat(43), Buffer.alloc(32).toString('base64url'), 'short']) {
      expect(
        processor.validateEnvelope({ ...envelope('CreateUser', {}), replyKey: bad }),
      ).toMatchObject({
        ok: false,
        error: { Code: 'ValidationError' },
      });
    }
  });

  it('CreateUser → one iam.user-created.v1 event in a full envelope', async () => {
    const decision = await processor.decide(
      envelope('CreateUser', { UserName: 'alice', Path: '/eng/' }),
    );
    expect(decision.kind).toBe('accepted');
    if (decision.kind !== 'accepted') return;
    expect(decision.events).toEqual([
      {
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: IamEventType.UserCreated,
        accountId: '123456789012',
        sequence: 1,
        occurredAt: expect.any(String),
        actor: 'arn:aws:iam::123456789012:root',
        commandId: 'CreateUser-1',
        correlationId: 'corr-CreateUser-1',
        payload: {
          userName: 'alice',
          userId: 'AIDABBBBBBBBBBBBBBBBB',
          path: '/eng/',
          arn: 'arn:aws:iam::123456789012:user/eng/alice',
          createDate: '2026-03-04T05:06:07.000Z',
        },
      },
    ]);
    expect(decision.result).toEqual({
      User: {
        UserName: 'alice',
        UserId: 'AIDABBBBBBBBBBBBBBBBB',
        Path: '/eng/',
        Arn: 'arn:aws:iam::123456789012:user/eng/alice',
        CreateDate: '2026-03-04T05:06:07.000Z',
      },
    });
  });

  it('given alice, PutUserPolicy → iam.user-policy-put.v1 with sequence 2', async () => {
    await processor.decide(envelope('CreateUser', { UserName: 'alice' }));
    const decision = await processor.decide(
      envelope('PutUserPolicy', {
        UserName: 'alice',
        PolicyName: 'all-s3',
        PolicyDocument: POLICY,
      }),
    );
    expect(decision).toMatchObject({
      kind: 'accepted',
      result: {},
      events: [
        { type: IamEventType.UserPolicyPut, sequence: 2, payload: { policyName: 'all-s3' } },
      ],
    });
  });

  it.each([
    ['an unknown action', envelope('DeleteEverything', {}), 'InvalidAction'],
    ['a missing field', envelope('CreateUser', {}), 'ValidationError'],
    ['an unknown field', envelope('CreateUser', { UserName: 'a', Extra: 1 }), 'ValidationError'],
    ['a name too long', envelope('CreateUser', { UserName: 'a'.repeat(65) }), 'ValidationError'],
    [
      'a bad path',
      envelope('CreateUser', { UserName: 'a', Path: 'no-slashes' }),
      'ValidationError',
    ],
    ['a payload that is not an object', envelope('CreateUser', 'alice'), 'ValidationError'],
    [
      'an unknown user',
      envelope('PutUserPolicy', { UserName: 'bob', PolicyName: 'p', PolicyDocument: POLICY }),
      'NoSuchEntity',
    ],
  ])('rejects %s with %s and raises nothing', async (_what, command, code) => {
    const decision = await processor.decide(command);
    expect(decision).toMatchObject({ kind: 'rejected', error: { Code: code } });
    expect(accounts.get('123456789012').sequence).toBe(0);
  });

  it('rejects a malformed policy document with the pointer of the problem', async () => {
    await processor.decide(envelope('CreateUser', { UserName: 'alice' }));
    const decision = await processor.decide(
      envelope('PutUserPolicy', {
        UserName: 'alice',
        PolicyName: 'p',
        PolicyDocument:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}',
      }),
    );
    expect(decision).toEqual({
      kind: 'rejected',
      error: {
        Code: 'MalformedPolicyDocument',
        Message: expect.stringContaining('Policy statement must contain resources.'),
      },
    });
    expect(accounts.get('123456789012').sequence).toBe(1);
  });

  it('refuses an inline policy over the 2,048-character user limit with LimitExceeded', async () => {
    await processor.decide(envelope('CreateUser', { UserName: 'alice' }));
    const actions = Array.from({ length: 200 }, (_, i) => `s3:Action${i}`);
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    const decision = await processor.decide(
      envelope('PutUserPolicy', { UserName: 'alice', PolicyName: 'big', PolicyDocument: big }),
    );
    expect(decision).toMatchObject({ kind: 'rejected', error: { Code: 'LimitExceeded' } });
  });

  it('answers a committed command id with its first result, deciding nothing new', async () => {
    const first = await processor.decide(envelope('CreateUser', { UserName: 'alice' }, 'same'));
    if (first.kind !== 'accepted') throw new Error('expected accepted');
    accounts.recordCommitted('123456789012', 'same', {
      events: first.domainEvents,
      positions: [{ partition: 5, offset: '7' }],
    });
    const retry = await processor.decide(envelope('CreateUser', { UserName: 'alice' }, 'same'));
    expect(retry).toEqual({
      kind: 'duplicate',
      result: first.result,
      positions: [{ partition: 5, offset: '7' }],
    });
  });
});
