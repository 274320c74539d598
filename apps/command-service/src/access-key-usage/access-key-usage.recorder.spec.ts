import type { CommandEnvelope, CommandReply } from '@portcullis/contracts';
import type { AuthenticatedCaller } from '../authentication/authenticated-caller';
import { CommandGateway } from '../pipeline/command-gateway.port';
import { accessKeyUsageFlushMsFromEnv, AccessKeyUsageRecorder } from './access-key-usage.recorder';

const A = '111111111111';
const B = '222222222222';
const KEY_A1 = 'AKIAAAAAAAAAAAAAAAA2';
const KEY_A2 = 'AKIAAAAAAAAAAAAAAAA3';
const KEY_B = 'AKIABBBBBBBBBBBBBBBB';
const FLUSH_MS = 5_000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const T0 = Date.parse('2026-03-04T05:06:07.890Z');

/** A gateway that keeps what it is sent and answers `answer` (ok by default). */
class FakeGateway extends CommandGateway {
  readonly sent: CommandEnvelope[] = [];
  answer: (e: CommandEnvelope) => CommandReply | Promise<CommandReply> = (e) => ({
    commandId: e.commandId,
    correlationId: e.commandId,
    ok: true,
    output: {},
    consistencyToken: 't',
  });

  async submit(envelope: CommandEnvelope): Promise<CommandReply> {
    this.sent.push(envelope);
    return this.answer(envelope);
  }
}

const byKey = (accountId: string, accessKeyId: string): AuthenticatedCaller => ({
  accountId,
  actor: `arn:aws:iam::${accountId}:user/u-${accessKeyId}`,
  context: { authenticatedBy: 'access-key', accessKeyId, secureTransport: true },
});
const STS = { service: 'sts', region: 'us-east-1' };
const IAM = { service: 'iam', region: 'us-east-1' };

describe('AccessKeyUsageRecorder', () => {
  let gateway: FakeGateway;
  let recorder: AccessKeyUsageRecorder;

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    gateway = new FakeGateway();
    recorder = new AccessKeyUsageRecorder(gateway, { flushIntervalMs: FLUSH_MS });
    recorder.start();
  });

  afterEach(async () => {
    await recorder.stop();
    jest.useRealTimers();
  });

  it('every interval: one internal command per account with each key’s latest use, to the minute', async () => {
    recorder.record(byKey(A, KEY_A1), IAM);
    jest.setSystemTime(T0 + 60_000);
    recorder.record(byKey(A, KEY_A1), STS); // later: replaces the first
    recorder.record(byKey(A, KEY_A2), IAM);
    recorder.record(byKey(B, KEY_B), STS);
    expect(gateway.sent).toEqual([]); // not on every request

    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(gateway.sent).toHaveLength(2);
    const [a, b] = gateway.sent;
    expect(a).toEqual({
      commandId: expect.stringMatching(/^access-key-usage-[0-9a-f-]{36}$/),
      accountId: A,
      actor: `arn:aws:iam::${A}:root`,
      action: 'RecordAccessKeyUsage',
      input: {
        Usage: [
          {
            AccessKeyId: KEY_A1,
            LastUsedDate: '2026-03-04T05:07:00.000Z',
            ServiceName: 'sts',
            Region: 'us-east-1',
          },
          {
            AccessKeyId: KEY_A2,
            LastUsedDate: '2026-03-04T05:07:00.000Z',
            ServiceName: 'iam',
            Region: 'us-east-1',
          },
        ],
      },
      caller: { authenticatedBy: 'service' },
    });
    expect(b.accountId).toBe(B);
    expect(b.input).toEqual({
      Usage: [expect.objectContaining({ AccessKeyId: KEY_B, ServiceName: 'sts' })],
    });
    expect(a.commandId).not.toBe(b.commandId);
    expect(recorder.pendingCount).toBe(0);
  });

  it('nothing submitted while idle, and only keys used since the last flush', async () => {
    await jest.advanceTimersByTimeAsync(FLUSH_MS * 3);
    expect(gateway.sent).toEqual([]);

    recorder.record(byKey(A, KEY_A1), IAM);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    recorder.record(byKey(A, KEY_A2), IAM);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    await jest.advanceTimersByTimeAsync(FLUSH_MS * 2);
    expect(
      gateway.sent.map((e) => (e.input as { Usage: { AccessKeyId: string }[] }).Usage),
    ).toEqual([
      [expect.objectContaining({ AccessKeyId: KEY_A1 })],
      [expect.objectContaining({ AccessKeyId: KEY_A2 })],
    ]);
  });

  it('records long-term keys only: temporary credentials and services are not key use', async () => {
    recorder.record(
      {
        accountId: A,
        actor: `arn:aws:sts::${A}:assumed-role/r/s`,
        context: { authenticatedBy: 'session-token', accessKeyId: 'ASIAAAAAAAAAAAAAAAA1' },
      },
      STS,
    );
    recorder.record({ accountId: A, actor: 'x', context: { authenticatedBy: 'service' } }, IAM);
    expect(recorder.pendingCount).toBe(0);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(gateway.sent).toEqual([]);
  });

  it('at stop, what is pending is submitted; then no more periodic flushes', async () => {
    recorder.record(byKey(B, KEY_B), STS);
    await recorder.stop();
    expect(gateway.sent.map((e) => e.accountId)).toEqual([B]);
    recorder.record(byKey(A, KEY_A1), STS);
    await jest.advanceTimersByTimeAsync(FLUSH_MS * 2);
    expect(gateway.sent).toHaveLength(1);
  });

  it('a failed submission is kept for the next flush (without losing a newer use); a refusal is dropped', async () => {
    gateway.answer = () => {
      throw new Error('no broker');
    };
    recorder.record(byKey(A, KEY_A1), IAM);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(gateway.sent).toHaveLength(1);
    expect(recorder.pendingCount).toBe(1);

    gateway.answer = (e) => ({
      commandId: e.commandId,
      correlationId: e.commandId,
      ok: false,
      error: { Code: 'ServiceUnavailable', Message: 'rebalancing' },
    });
    jest.setSystemTime(T0 + 120_000);
    recorder.record(byKey(A, KEY_A1), STS);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(recorder.pendingCount).toBe(1);

    gateway.answer = (e) => ({
      commandId: e.commandId,
      correlationId: e.commandId,
      ok: false,
      error: { Code: 'ValidationError', Message: 'bad' },
    });
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    const last = gateway.sent[gateway.sent.length - 1];
    expect(last.input).toEqual({
      Usage: [
        expect.objectContaining({ LastUsedDate: '2026-03-04T05:08:00.000Z', ServiceName: 'sts' }),
      ],
    });
    expect(recorder.pendingCount).toBe(0); // refused for good: not retried forever
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(gateway.sent).toHaveLength(3);
  });

  it('splits a large account batch into commands of at most 100 keys', async () => {
    for (let i = 0; i < 150; i++) {
      const id = `AKIA${(BASE32[i >> 5] + BASE32[i & 31]).padStart(16, 'A')}`;
      recorder.record(byKey(A, id), IAM);
    }
    await recorder.flush();
    expect(gateway.sent.map((e) => (e.input as { Usage: unknown[] }).Usage.length)).toEqual([
      100, 50,
    ]);
  });

  it('a slow gateway: ticks do not pile up; stop waits for the running flush, then flushes again', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const answer = gateway.answer;
    gateway.answer = async (e) => {
      await slow;
      return answer(e);
    };
    recorder.record(byKey(A, KEY_A1), IAM);
    await jest.advanceTimersByTimeAsync(FLUSH_MS * 4);
    expect(gateway.sent).toHaveLength(1);
    recorder.record(byKey(B, KEY_B), IAM);
    const stopped = recorder.stop();
    release();
    await stopped;
    expect(gateway.sent.map((e) => e.accountId)).toEqual([A, B]);
  });
});

describe('IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS', () => {
  it('seconds, a positive integer; 60 unset', () => {
    expect(accessKeyUsageFlushMsFromEnv({})).toBe(60_000);
    expect(accessKeyUsageFlushMsFromEnv({ IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS: '1' })).toBe(1000);
    for (const bad of ['0', '-1', '1.5', 'soon']) {
      expect(() =>
        accessKeyUsageFlushMsFromEnv({ IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS: bad }),
      ).toThrow('IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS must be a positive integer (seconds)');
    }
  });
});
