import type { CommandEnvelope, CommandReply } from '@portcullis/contracts';
import { IamEventType } from '@portcullis/contracts';
import { DEFAULT_SIGN_IN_LIMITS, SignInLimiter } from '@portcullis/credentials';
import type { AccountEvent } from '@portcullis/domain';
import type { RequestOrigin } from '../authentication/request-authenticator';
import { CommandGateway } from '../pipeline/command-gateway.port';
import { replyFor } from '../pipeline/reply';
import { ACCOUNT, CommandSide, NOW } from '../shared/testing/command-side.fixture';
import { ConsoleSignIn, type SignInOutcome } from './console-sign-in';
import { signInLimitsFromEnv } from './sign-in-limits';

const PASSWORD = 'Correct-Horse-7-Battery';
const WRONG = 'Not-The-Password-9';
const HOME: RequestOrigin = { sourceIp: '203.0.113.9', secureTransport: true };
const ELSEWHERE: RequestOrigin = { sourceIp: '198.51.100.7', secureTransport: true };

/** The embedded gateway's job, minus the log: decide, then record what was committed. */
class ProcessorGateway extends CommandGateway {
  readonly sent: CommandEnvelope[] = [];
  readonly committed: AccountEvent[] = [];
  /** While set, submissions wait for it (to hold an attempt in flight). */
  hold?: Promise<void>;
  private offset = 0;

  constructor(private readonly side: CommandSide) {
    super();
  }

  async submit(envelope: CommandEnvelope): Promise<CommandReply> {
    this.sent.push(envelope);
    await this.hold;
    const decision = await this.side.processor.decide(envelope);
    if (decision.kind !== 'accepted' || decision.domainEvents.length === 0) {
      return replyFor(envelope, decision);
    }
    const positions = decision.domainEvents.map(() => ({
      partition: 0,
      offset: String(this.offset++),
    }));
    this.side.accounts.recordCommitted(envelope.accountId, envelope.commandId, {
      events: decision.domainEvents,
      positions,
    });
    this.committed.push(...decision.domainEvents);
    return replyFor(envelope, decision, positions);
  }
}

describe('ConsoleSignIn (the sign-in edge: limiter, sealed command, opened reply)', () => {
  let side: CommandSide;
  let gateway: ProcessorGateway;
  let signIn: ConsoleSignIn;
  let now: number;
  let requests = 0;

  const attempt = (
    UserName: string,
    Password: string,
    origin = HOME,
    AccountId = ACCOUNT,
  ): Promise<SignInOutcome> =>
    signIn.signIn({ AccountId, UserName, Password }, origin, `request-${++requests}`);

  beforeEach(async () => {
    side = await CommandSide.start();
    await side.given(
      ['CreateUser', { UserName: 'alice' }],
      ['CreateLoginProfile', { UserName: 'alice', Password: PASSWORD }],
    );
    gateway = new ProcessorGateway(side);
    now = NOW.getTime();
    const limiter = new SignInLimiter(() => now, {
      lockoutThreshold: 3,
      lockoutMs: 60_000,
      maxFailuresPerSource: 5,
      sourceWindowMs: 600_000,
    });
    signIn = new ConsoleSignIn(gateway, side.secrets, limiter);
  });

  it('the right password: the credentials opened for the caller; the password only ever sent sealed', async () => {
    const outcome = await attempt('alice', PASSWORD);
    expect(outcome).toEqual({
      kind: 'signed-in',
      credentials: {
        AccessKeyId: expect.stringMatching(/^ASIA/),
        SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9/+]{40}$/),
        SessionToken: expect.stringMatching(/^pcst1\./),
        Expiration: new Date(NOW.getTime() + 3600_000).toISOString(),
      },
      passwordResetRequired: false,
    });
    const [sent] = gateway.sent;
    expect(sent).toMatchObject({
      action: 'SignIn',
      accountId: ACCOUNT,
      correlationId: `request-${requests}`,
      input: { UserName: 'alice', Password: { Sealed: expect.stringMatching(/^v1\./) } },
      caller: { authenticatedBy: 'service', sourceIp: HOME.sourceIp, secureTransport: true },
    });
    expect(JSON.stringify(gateway.sent)).not.toContain(PASSWORD);
  });

  it('lockout after the threshold, recorded in the log; refused even with the right password until it ends', async () => {
    expect(await attempt('alice', WRONG)).toEqual({ kind: 'denied' });
    expect(await attempt('alice', WRONG)).toEqual({ kind: 'denied' });
    expect(gateway.committed).toEqual([]);
    expect(await attempt('alice', WRONG)).toEqual({ kind: 'denied' });
    expect(gateway.committed).toEqual([
      expect.objectContaining({
        type: IamEventType.SignInLockedOut,
        payload: expect.objectContaining({
          userName: 'alice',
          failures: 3,
          until: new Date(now + 60_000).toISOString(),
          sourceIp: HOME.sourceIp,
        }),
      }),
    ]);
    const sentBefore = gateway.sent.length;
    expect(await attempt('ALICE', PASSWORD, ELSEWHERE)).toEqual({
      kind: 'throttled',
      retryAfterSeconds: 60,
    });
    expect(gateway.sent.length).toBe(sentBefore); // nothing verified while locked
    now += 61_000;
    expect((await attempt('alice', PASSWORD)).kind).toBe('signed-in');
  });

  it('a name that is no user locks out exactly the same, unrecorded', async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await attempt('nobody', WRONG));
    expect(outcomes).toEqual([
      { kind: 'denied' },
      { kind: 'denied' },
      { kind: 'denied' },
      { kind: 'throttled', retryAfterSeconds: 60 },
    ]);
    expect(gateway.committed).toEqual([]);
    expect(gateway.sent.map((e) => e.action)).toEqual([
      'SignIn',
      'SignIn',
      'SignIn',
      'RecordSignInLockout',
    ]);
  });

  it('a source that fails too often is throttled whatever name it tries; other sources are not', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      expect(await attempt(name, WRONG)).toEqual({ kind: 'denied' });
    }
    expect(await attempt('alice', PASSWORD)).toEqual({
      kind: 'throttled',
      retryAfterSeconds: 600,
    });
    expect((await attempt('alice', PASSWORD, ELSEWHERE)).kind).toBe('signed-in');
  });

  it('one attempt per user name at a time: a parallel guess is throttled, not decided', async () => {
    let release!: () => void;
    gateway.hold = new Promise((resolve) => (release = resolve));
    const first = attempt('alice', WRONG);
    expect(await attempt('Alice', WRONG, ELSEWHERE)).toEqual({
      kind: 'throttled',
      retryAfterSeconds: 1,
    });
    release();
    expect(await first).toEqual({ kind: 'denied' });
    expect(gateway.sent).toHaveLength(1);
    gateway.hold = undefined;
    expect((await attempt('alice', PASSWORD)).kind).toBe('signed-in');
  });

  it('a command side that is unavailable is no credential failure: not counted', async () => {
    const unavailable = new ConsoleSignIn(
      {
        submit: async (e: CommandEnvelope): Promise<CommandReply> => ({
          commandId: e.commandId,
          correlationId: e.commandId,
          ok: false,
          error: { Code: 'ServiceUnavailable', Message: 'No reply in time.' },
        }),
      },
      side.secrets,
      new SignInLimiter(() => now, { lockoutThreshold: 1 }),
    );
    const outcome = await unavailable.signIn(
      { AccountId: ACCOUNT, UserName: 'alice', Password: WRONG },
      HOME,
      'r',
    );
    expect(outcome).toEqual({
      kind: 'failed',
      error: { Code: 'ServiceUnavailable', Message: 'No reply in time.' },
    });
    expect(
      (
        await unavailable.signIn(
          { AccountId: ACCOUNT, UserName: 'alice', Password: WRONG },
          HOME,
          'r',
        )
      ).kind,
    ).toBe('failed');
  });
});

describe('signInLimitsFromEnv', () => {
  it('unset: the limiter defaults; set: counts as given, durations in seconds', () => {
    expect(signInLimitsFromEnv({})).toEqual(DEFAULT_SIGN_IN_LIMITS);
    expect(
      signInLimitsFromEnv({
        IAM_SIGN_IN_LOCKOUT_THRESHOLD: '3',
        IAM_SIGN_IN_LOCKOUT_SECONDS: '2',
        IAM_SIGN_IN_MAX_LOCKOUT_SECONDS: '3600',
        IAM_SIGN_IN_FORGET_FAILURES_AFTER_SECONDS: '7200',
        IAM_SIGN_IN_MAX_FAILURES_PER_SOURCE: '100',
        IAM_SIGN_IN_SOURCE_WINDOW_SECONDS: '60',
        IAM_SIGN_IN_MAX_TRACKED: '1000',
      }),
    ).toEqual({
      lockoutThreshold: 3,
      lockoutMs: 2000,
      maxLockoutMs: 3_600_000,
      forgetAfterMs: 7_200_000,
      maxFailuresPerSource: 100,
      sourceWindowMs: 60_000,
      maxTrackedEntries: 1000,
    });
  });

  it.each(['0', '-1', '2.5', 'five', '1e3'])('refuses %p, naming the variable', (value) => {
    expect(() => signInLimitsFromEnv({ IAM_SIGN_IN_LOCKOUT_THRESHOLD: value })).toThrow(
      'IAM_SIGN_IN_LOCKOUT_THRESHOLD must be a positive integer',
    );
  });
});
