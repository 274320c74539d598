import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IamEventType } from '@portcullis/contracts';
import { EmbeddedEventLog, type EventLog } from '@portcullis/event-log';
import { MemoryReadModelStore, type ReadModelStore } from '@portcullis/read-models';
import { EmbeddedDeadLetters, parseDeadLetterLine } from './dead-letters/embedded.dead-letters';
import { startProjection } from './start-projection';
import { allow, arn, envelope, now, ProjectionFixture } from './testing/projection.fixture';

const quiet = { log() {}, warn() {}, error() {} };

async function caughtUp(log: EventLog, store: ReadModelStore, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const end = await log.endPositions();
    const next = new Map(
      (await store.getCheckpoints()).map((c) => [c.partition, BigInt(c.nextOffset)]),
    );
    if (
      end.every((e) => BigInt(e.offset) === 0n || (next.get(e.partition) ?? 0n) >= BigInt(e.offset))
    )
      return;
    if (Date.now() > deadline) throw new Error('the projection did not catch up');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('startProjection on the embedded event log', () => {
  let dir: string;
  let log: EmbeddedEventLog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    log = new EmbeddedEventLog({ dir, partitionCount: 3 });
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects what is appended, parks poison events in the file DLQ, and resumes after its checkpoints', async () => {
    const store = new MemoryReadModelStore();
    const file = join(dir, 'iam.events.dlq.jsonl');
    const f = new ProjectionFixture();
    f.run((a) => a.createAccount({ accountName: 'acme', now }));
    f.user('alice');
    f.group('devs');
    f.run((a) => a.addUserToGroup({ groupName: 'devs', userName: 'alice' }));
    await log.append(f.events);

    const first = await startProjection({
      log,
      store,
      deadLetters: new EmbeddedDeadLetters(file),
      logger: quiet,
    });
    await caughtUp(log, store);
    expect((await store.getPrincipal(arn('user', 'alice')))!.groupArns).toEqual([
      arn('group', 'devs'),
    ]);

    // A type this projector does not know, then an ordinary event: parked, then projected.
    const next = f.events.length + 1;
    const poison = envelope(next, 'iam.user-renamed.v2', { userArn: arn('user', 'alice') });
    const put = envelope(next + 1, IamEventType.UserPolicyPut, {
      userName: 'alice',
      userArn: arn('user', 'alice'),
      policyName: 'p',
      policyDocument: allow('s3:*'),
    });
    await log.append([poison, put]);
    await caughtUp(log, store);
    expect((await store.getPrincipal(arn('user', 'alice')))!.inlinePolicies).toHaveLength(1);
    const letters = readFileSync(file, 'utf8').trim().split('\n').map(parseDeadLetterLine);
    expect(letters).toEqual([
      expect.objectContaining({
        reason: 'unknown-type',
        source: {
          topic: 'iam.events',
          partition: log.partitionFor(poison.accountId),
          offset: String(next - 1),
        },
      }),
    ]);
    expect(JSON.parse(letters[0].record.value!.toString())).toEqual(poison);
    expect(first.projector.metrics.snapshot().deadLettered).toBe(1);
    await first.subscription.close();

    // Restarted: resumes after the checkpoint, applies only what is new.
    const [tagged] = f.run((a) =>
      a.tagUser({ userName: 'alice', tags: [{ Key: 'k', Value: 'v' }] }),
    );
    const retagged = { ...tagged, sequence: next + 2, eventId: 'e-retag' };
    await log.append([retagged]);
    const second = await startProjection({
      log,
      store,
      deadLetters: new EmbeddedDeadLetters(file),
      logger: quiet,
    });
    expect(second.resumedAfter).toEqual([
      { partition: log.partitionFor(poison.accountId), offset: String(next) },
    ]);
    await caughtUp(log, store);
    expect(second.projector.metrics.snapshot()).toMatchObject({
      eventsApplied: 1,
      eventsSkipped: 0,
      deadLettered: 0,
    });
    expect((await store.getPrincipal(arn('user', 'alice')))!.tags).toEqual([
      { Key: 'k', Value: 'v' },
    ]);
    await second.subscription.close();
  });
});
