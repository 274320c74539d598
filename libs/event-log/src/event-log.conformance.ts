import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@portcullis/contracts';
import { InvalidEventError } from './event-log.errors';
import type { EventLog, LoggedEvent, LogPosition, Subscription } from './event-log.port';
import { partitionFor } from './partition-for-key';

/**
 * The one behavioural contract of the EventLog port, run against every adapter (embedded files,
 * Kafka), after OpenFGA's `RunAllTests(t, datastore)`. Import it from a spec:
 *   runEventLogConformance('embedded', factory)
 * Not exported from the package index: it needs jest's globals.
 */

export interface EventLogFixture {
  log: EventLog;
  /** Arms a fault: the next append on `log` writes part of its events, then fails. */
  failNextAppend(): void;
}

export interface EventLogFactory {
  /** A new, empty log. */
  create(): Promise<EventLogFixture>;
  /**
   * Another instance over the same data as `fixture` (embedded: closes it and reopens the
   * directory; Kafka: a second client). The suite stops using `fixture.log` afterwards.
   */
  reopen(fixture: EventLogFixture): Promise<EventLogFixture>;
}

/** Long enough for a Kafka consumer group to join and fetch; embedded delivers in milliseconds. */
const DELIVERY_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 90_000;

export function runEventLogConformance(name: string, factory: EventLogFactory): void {
  describe(`EventLog conformance: ${name}`, () => {
    const opened: EventLog[] = [];
    const subscriptions: Subscription[] = [];

    async function create(): Promise<EventLogFixture> {
      const fixture = await factory.create();
      opened.push(fixture.log);
      return fixture;
    }

    async function reopen(fixture: EventLogFixture): Promise<EventLogFixture> {
      const next = await factory.reopen(fixture);
      opened.push(next.log);
      return next;
    }

    async function subscribe(log: EventLog, after?: LogPosition[]): Promise<Recorder> {
      const recorder = new Recorder();
      // A group of its own: independent subscriptions, not members sharing partitions.
      const subscription = await log.subscribe({
        group: `conformance-${randomUUID()}`,
        after,
        handler: (batch) => recorder.handle(batch),
      });
      subscriptions.push(subscription);
      recorder.subscription = subscription;
      return recorder;
    }

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
      await Promise.all(opened.splice(0).map((log) => log.close()));
    });

    it(
      'append returns a position per event, in its account partition, where the same envelope reads back',
      async () => {
        const { log } = await create();
        const [a, b, c] = accountsOnDistinctPartitions(log, 3);
        const events = [
          event(a, 1),
          event(b, 1),
          event(a, 2),
          event(c, 1),
          event(b, 2),
          event(a, 3),
        ];

        const positions = await log.append(events);

        expect(positions).toHaveLength(events.length);
        positions.forEach((position, i) => {
          expect(position.partition).toBe(log.partitionFor(events[i].accountId));
          expect(position.offset).toMatch(/^\d+$/);
        });
        for (const partition of new Set(positions.map((p) => p.partition))) {
          const read = await readAll(log, partition);
          const expected = events
            .map((e, i) => ({ position: positions[i], event: e }))
            .filter(({ position }) => position.partition === partition);
          expect(read).toEqual(expected);
        }
        // Reading from a returned position starts exactly at that event.
        const [fromThird] = await readAll(log, positions[2].partition, positions[2].offset);
        expect(fromThird).toEqual({ position: positions[2], event: events[2] });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'keeps each account in append order across sequential and concurrent appends',
      async () => {
        const { log } = await create();
        const [a, b] = accountsOnSamePartition(log, 2);
        const [c] = accountsOnDistinctPartitions(log, 1, [log.partitionFor(a)]);
        const sequence = { [a]: 0, [b]: 0, [c]: 0 };
        const next = (account: string): EventEnvelope => event(account, ++sequence[account]);

        const returned: LogPosition[][] = [];
        for (let i = 0; i < 3; i++)
          returned.push(await log.append([next(a), next(b), next(a), next(c)]));
        // Calls made together are applied in call order, one at a time.
        const batches = Array.from({ length: 5 }, () => [next(b), next(a), next(c)]);
        returned.push(...(await Promise.all(batches.map((batch) => log.append(batch)))));

        for (const partition of [log.partitionFor(a), log.partitionFor(c)]) {
          const offsets = returned
            .flat()
            .filter((p) => p.partition === partition)
            .map((p) => BigInt(p.offset));
          expect(isStrictlyIncreasing(offsets)).toBe(true);
        }
        for (const account of [a, b, c]) {
          const read = await readAll(log, log.partitionFor(account));
          const mine = read.filter((r) => r.event.accountId === account);
          expect(mine.map((r) => r.event.sequence)).toEqual(range(1, sequence[account]));
          expect(isStrictlyIncreasing(mine.map((r) => BigInt(r.position.offset)))).toBe(true);
        }
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'puts an account always in one partition, the one partitionFor(accountId, count) names',
      async () => {
        const { log } = await create();
        const accounts = Array.from({ length: 200 }, (_, i) => `${100000000000 + i * 977}`);
        for (const account of accounts) {
          expect(log.partitionFor(account)).toBe(partitionFor(account, log.partitionCount));
        }
        const sample = accounts.slice(0, 24);
        const first = await log.append(sample.map((account) => event(account, 1)));
        const second = await log.append(sample.map((account) => event(account, 2)));
        sample.forEach((account, i) => {
          expect(first[i].partition).toBe(partitionFor(account, log.partitionCount));
          expect(second[i].partition).toBe(first[i].partition);
        });
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'makes an append that fails part-way invisible, and the log stays usable',
      async () => {
        const fixture = await create();
        const { log } = fixture;
        const [a, b] = accountsOnDistinctPartitions(log, 2);
        await log.append([event(a, 1), event(b, 1)]);

        fixture.failNextAppend();
        const failed = [event(a, 2), event(b, 2), event(a, 3), event(b, 3)];
        await expect(log.append(failed)).rejects.toThrow();

        const after = await log.append([event(a, 2), event(b, 2)]);
        const failedIds = new Set(failed.map((e) => e.eventId));
        for (const partition of [log.partitionFor(a), log.partitionFor(b)]) {
          const read = await readAll(log, partition);
          expect(read.filter((r) => failedIds.has(r.event.eventId))).toEqual([]);
          expect(read.map((r) => r.event.sequence)).toEqual([1, 2]);
        }
        const recorder = await subscribe(log);
        await recorder.waitForCount(4);
        expect(recorder.events().some((r) => failedIds.has(r.event.eventId))).toBe(false);
        expect(
          recorder.events().filter((r) => after.some((p) => samePosition(p, r.position))),
        ).toHaveLength(2);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'rejects a malformed envelope and appends nothing of that call',
      async () => {
        const { log } = await create();
        const [a] = accountsOnDistinctPartitions(log, 1);
        const bad = { ...event(a, 2), sequence: 0 };
        await expect(log.append([event(a, 1), bad])).rejects.toBeInstanceOf(InvalidEventError);
        expect(await log.append([])).toEqual([]);
        expect(await readAll(log, log.partitionFor(a))).toEqual([]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'subscribe from the beginning delivers existing then new events, per partition in order, handler awaited',
      async () => {
        const { log } = await create();
        const accounts = accountsOnDistinctPartitions(log, 3);
        const existing = await appendRounds(log, accounts, 1, 3);

        const recorder = await subscribe(log);
        recorder.delayMs = 5;
        await recorder.waitForCount(existing.length);
        const later = await appendRounds(log, accounts, 4, 5);
        await recorder.waitForCount(existing.length + later.length);

        const delivered = recorder.events();
        expect(sortByPosition(delivered.map((r) => r.position))).toEqual(
          sortByPosition([...existing, ...later]),
        );
        expect(recorder.maxConcurrencyPerPartition).toBe(1);
        for (const batch of recorder.batches) {
          expect(new Set(batch.map((r) => r.position.partition)).size).toBe(1);
        }
        for (const account of accounts) {
          const mine = delivered.filter((r) => r.event.accountId === account);
          expect(mine.map((r) => r.event.sequence)).toEqual(range(1, 5));
        }
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'subscribe after given positions resumes after them and never delivers earlier events',
      async () => {
        const { log } = await create();
        const [a, b] = accountsOnDistinctPartitions(log, 2);
        const positionsA = await log.append(range(1, 6).map((n) => event(a, n)));
        const positionsB = await log.append(range(1, 3).map((n) => event(b, n)));
        const resumeAt = positionsA[2];

        const recorder = await subscribe(log, [resumeAt]);
        await recorder.waitForCount(3 + 3);
        const more = await log.append([event(a, 7)]);
        await recorder.waitForCount(3 + 3 + 1);

        const deliveredA = recorder
          .events()
          .filter((r) => r.position.partition === resumeAt.partition);
        expect(deliveredA.map((r) => r.event.sequence)).toEqual([4, 5, 6, 7]);
        expect(deliveredA.every((r) => BigInt(r.position.offset) > BigInt(resumeAt.offset))).toBe(
          true,
        );
        expect(deliveredA.at(-1)?.position).toEqual(more[0]);
        const deliveredB = recorder
          .events()
          .filter((r) => r.position.partition === positionsB[0].partition);
        expect(deliveredB.map((r) => r.position)).toEqual(positionsB);

        // Resuming after the last event of a partition delivers nothing old from it.
        const caughtUp = await subscribe(log, [more[0], positionsB[2]]);
        await log.append([event(b, 4)]);
        await caughtUp.waitForCount(1);
        await settle();
        expect(caughtUp.events().map((r) => r.event.sequence)).toEqual([4]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'redelivers events whose handler failed, and delivers nothing after close',
      async () => {
        const { log } = await create();
        const [a] = accountsOnDistinctPartitions(log, 1);
        await log.append([event(a, 1), event(a, 2)]);
        const errors: unknown[] = [];
        const seen: number[] = [];
        let failuresLeft = 1;
        const subscription = await log.subscribe({
          group: `conformance-${randomUUID()}`,
          handler: async (batch) => {
            if (failuresLeft-- > 0) throw new Error('projection store unavailable');
            seen.push(...batch.map((r) => r.event.sequence));
          },
          onError: (error) => errors.push(error),
        });
        subscriptions.push(subscription);
        await waitUntil(() => seen.length >= 2, 'the failed events to be redelivered');
        expect(seen).toEqual([1, 2]);
        expect(errors).toHaveLength(1);

        await subscription.close();
        await log.append([event(a, 3)]);
        await settle();
        expect(seen).toEqual([1, 2]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'endPositions start at 0 and move past appended events, only where appended',
      async () => {
        const { log } = await create();
        const initial = await log.endPositions();
        expect(initial).toEqual(
          range(0, log.partitionCount - 1).map((partition) => ({ partition, offset: '0' })),
        );

        const [a] = accountsOnDistinctPartitions(log, 1);
        const positions = await log.append([event(a, 1), event(a, 2)]);
        const ends = await log.endPositions();
        const p = positions[0].partition;
        expect(BigInt(ends[p].offset)).toBeGreaterThan(BigInt(positions[1].offset));
        ends.forEach((end, i) => {
          if (i !== p) expect(end).toEqual(initial[i]);
        });

        // A reader at the end position has read everything: reading from there yields nothing.
        expect(await readAll(log, p, ends[p].offset)).toEqual([]);
        const more = await log.append([event(a, 3)]);
        expect(BigInt((await log.endPositions())[p].offset)).toBeGreaterThan(
          BigInt(more[0].offset),
        );
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'readPartition stops at the end as of the start of the read',
      async () => {
        const { log } = await create();
        const [a] = accountsOnDistinctPartitions(log, 1);
        const p = log.partitionFor(a);
        expect(await readAll(log, p)).toEqual([]);
        await log.append([event(a, 1), event(a, 2)]);

        const iterator = log.readPartition(p)[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect(first.done).toBe(false);
        await log.append([event(a, 3)]);
        const rest: LoggedEvent[] = [];
        for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value);
        expect(rest.map((r) => r.event.sequence)).toEqual([2]);
        expect((await readAll(log, p)).map((r) => r.event.sequence)).toEqual([1, 2, 3]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'another instance over the same log sees the same events at the same positions',
      async () => {
        const fixture = await create();
        const accounts = accountsOnDistinctPartitions(fixture.log, 2);
        await appendRounds(fixture.log, accounts, 1, 3);
        const before = await readEverything(fixture.log);
        const endsBefore = await fixture.log.endPositions();

        const second = await reopen(fixture);
        expect(second.log.partitionCount).toBe(fixture.log.partitionCount);
        expect(await readEverything(second.log)).toEqual(before);
        expect(await second.log.endPositions()).toEqual(endsBefore);

        const [next] = await second.log.append([event(accounts[0], 4)]);
        expect(BigInt(next.offset)).toBeGreaterThanOrEqual(
          BigInt(endsBefore[next.partition].offset),
        );
        const recorder = await subscribe(second.log);
        await recorder.waitForCount(before.length + 1);
        expect(sortByPosition(recorder.events().map((r) => r.position))).toEqual(
          sortByPosition([...before.map((r) => r.position), next]),
        );
      },
      TEST_TIMEOUT_MS,
    );
  });
}

/** Records what a subscription delivers and checks that a partition is never handled concurrently. */
class Recorder {
  readonly batches: LoggedEvent[][] = [];
  delayMs = 0;
  maxConcurrencyPerPartition = 0;
  subscription?: Subscription;
  private readonly inFlight = new Map<number, number>();

  async handle(batch: LoggedEvent[]): Promise<void> {
    const partition = batch[0].position.partition;
    const running = (this.inFlight.get(partition) ?? 0) + 1;
    this.inFlight.set(partition, running);
    this.maxConcurrencyPerPartition = Math.max(this.maxConcurrencyPerPartition, running);
    try {
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      this.batches.push(batch);
    } finally {
      this.inFlight.set(partition, running - 1);
    }
  }

  events(): LoggedEvent[] {
    return this.batches.flat();
  }

  async waitForCount(count: number): Promise<void> {
    await waitUntil(
      () => this.events().length >= count,
      `${count} events to be delivered`,
      () => `got ${this.events().length}`,
    );
  }
}

async function waitUntil(
  condition: () => boolean,
  what: string,
  detail?: () => string,
): Promise<void> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}${detail ? `: ${detail()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Gives a wrongly delivered event time to show up before asserting it did not. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}

function event(accountId: string, sequence: number): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'iam.test-happened.v1',
    accountId,
    sequence,
    occurredAt: new Date().toISOString(),
    actor: `arn:aws:iam::${accountId}:root`,
    commandId: randomUUID(),
    correlationId: randomUUID(),
    payload: { sequence, note: 'ünïcödé ✓', nested: { list: [1, 'two', null] } },
  };
}

async function appendRounds(
  log: EventLog,
  accounts: string[],
  from: number,
  to: number,
): Promise<LogPosition[]> {
  const positions: LogPosition[] = [];
  for (const n of range(from, to))
    positions.push(...(await log.append(accounts.map((a) => event(a, n)))));
  return positions;
}

async function readAll(log: EventLog, partition: number, from?: string): Promise<LoggedEvent[]> {
  const read: LoggedEvent[] = [];
  for await (const logged of log.readPartition(partition, from)) read.push(logged);
  return read;
}

async function readEverything(log: EventLog): Promise<LoggedEvent[]> {
  const all: LoggedEvent[] = [];
  for (let partition = 0; partition < log.partitionCount; partition++)
    all.push(...(await readAll(log, partition)));
  return all;
}

/** Fresh account ids (so logs shared between tests never mix), one per distinct partition. */
function accountsOnDistinctPartitions(
  log: EventLog,
  count: number,
  avoid: number[] = [],
): string[] {
  if (count + avoid.length > log.partitionCount)
    throw new Error(`needs ${count + avoid.length} partitions`);
  const taken = new Set(avoid);
  const accounts: string[] = [];
  while (accounts.length < count) {
    const account = freshAccountId();
    if (!taken.has(log.partitionFor(account))) {
      taken.add(log.partitionFor(account));
      accounts.push(account);
    }
  }
  return accounts;
}

function accountsOnSamePartition(log: EventLog, count: number): string[] {
  const first = freshAccountId();
  const accounts = [first];
  while (accounts.length < count) {
    const account = freshAccountId();
    if (log.partitionFor(account) === log.partitionFor(first)) accounts.push(account);
  }
  return accounts;
}

function freshAccountId(): string {
  return String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function isStrictlyIncreasing(values: bigint[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]);
}

function samePosition(a: LogPosition, b: LogPosition): boolean {
  return a.partition === b.partition && a.offset === b.offset;
}

function sortByPosition(positions: LogPosition[]): LogPosition[] {
  return [...positions].sort((x, y) =>
    x.partition !== y.partition
      ? x.partition - y.partition
      : Number(BigInt(x.offset) - BigInt(y.offset)),
  );
}
