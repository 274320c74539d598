import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EventEnvelope } from '@portcullis/contracts';
import { EmbeddedEventLog } from './embedded.event-log';
import { type FileIo, nodeFileIo, scanPartitionFile } from './embedded-partition-file';
import { EventLogAppendError, EventLogCorruptError, EventLogLockedError } from './event-log.errors';
import { runEventLogConformance, type EventLogFixture } from './event-log.conformance';
import type { EventLog, LoggedEvent } from './event-log.port';

/** Disk operations that can be told to fail the Nth write half-way, as a full disk or EIO would. */
class FaultyIo implements FileIo {
  private failAtWrite?: number;
  private writes = 0;
  readonly calls: string[] = [];
  syncDelayMs = 0;

  failWrite(nth: number): void {
    this.failAtWrite = nth;
    this.writes = 0;
  }

  async append(fd: number, data: Buffer): Promise<void> {
    this.calls.push('append');
    if (this.failAtWrite !== undefined && ++this.writes === this.failAtWrite) {
      this.failAtWrite = undefined;
      await nodeFileIo.append(fd, data.subarray(0, Math.floor(data.length / 2)));
      throw Object.assign(new Error('EIO: i/o error, write (simulated)'), { code: 'EIO' });
    }
    await nodeFileIo.append(fd, data);
  }

  async sync(fd: number): Promise<void> {
    if (this.syncDelayMs) await new Promise((resolve) => setTimeout(resolve, this.syncDelayMs));
    await nodeFileIo.sync(fd);
    this.calls.push('sync');
  }
}

const dirs: string[] = [];
const dirOf = new WeakMap<EventLog, string>();

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-event-log-'));
  dirs.push(dir);
  return dir;
}

function open(
  dir: string,
  io = new FaultyIo(),
): EventLogFixture & { log: EmbeddedEventLog; io: FaultyIo } {
  const log = new EmbeddedEventLog({ dir, io });
  dirOf.set(log, dir);
  // The second write of an append that spans two partitions: one file done, the other half-written.
  return { log, io, failNextAppend: () => io.failWrite(2) };
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runEventLogConformance('embedded', {
  create: async () => open(tempDir()),
  reopen: async (fixture) => {
    await fixture.log.close();
    return open(dirOf.get(fixture.log) ?? '');
  },
});

describe('EmbeddedEventLog', () => {
  const toClose: EventLog[] = [];
  afterEach(async () => {
    await Promise.all(toClose.splice(0).map((log) => log.close()));
  });

  function openTracked(dir: string, io?: FaultyIo): ReturnType<typeof open> {
    const fixture = open(dir, io);
    toClose.push(fixture.log);
    return fixture;
  }

  it('gives contiguous offsets from 0 in each partition and keeps them across reopen', async () => {
    const dir = tempDir();
    const { log } = openTracked(dir);
    const positions = [
      ...(await log.append([event('111111111111', 1), event('111111111111', 2)])),
      ...(await log.append([event('111111111111', 3)])),
    ];
    expect(positions.map((p) => p.offset)).toEqual(['0', '1', '2']);
    await log.close();

    const reopened = openTracked(dir).log;
    expect(reopened.recovery).toEqual({ droppedRecords: 0, droppedBytes: 0 });
    const [next] = await reopened.append([event('111111111111', 4)]);
    expect(next).toEqual({ partition: positions[0].partition, offset: '3' });
  });

  it('resolves an append only after its data is synced to disk', async () => {
    const dir = tempDir();
    const io = new FaultyIo();
    io.syncDelayMs = 50;
    const { log } = openTracked(dir, io);
    const account = '222222222222';
    const appended = log.append([event(account, 1)]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(io.calls).toEqual(['append']);
    await appended;
    expect(io.calls).toEqual(['append', 'sync']);
    // Durable without closing: a fresh read of the file has it.
    const file = join(dir, `partition-${String(log.partitionFor(account)).padStart(3, '0')}.log`);
    expect(scanPartitionFile(file).records.map((r) => r.event.sequence)).toEqual([1]);
  });

  it('ignores and cuts a torn last line after a crash', async () => {
    const dir = tempDir();
    const account = '333333333333';
    const { log } = openTracked(dir);
    await log.append([event(account, 1)]);
    await log.append([event(account, 2)]);
    const file = partitionFile(dir, log, account);
    await log.close();
    const intact = readFileSync(file);
    appendFileSync(file, '{"offset":2,"batch":{"id":"x","size":1},"event":{"eventId":"'); // died mid-line

    const reopened = openTracked(dir).log;
    expect(reopened.recovery.droppedBytes).toBeGreaterThan(0);
    expect(readFileSync(file)).toEqual(intact);
    expect(
      (await read(reopened, reopened.partitionFor(account))).map((r) => r.event.sequence),
    ).toEqual([1, 2]);
    const [next] = await reopened.append([event(account, 3)]);
    expect(next.offset).toBe('2');
  });

  it('drops a whole append when a crash left only part of it, within a file and across files', async () => {
    const dir = tempDir();
    const { log } = openTracked(dir);
    const [a, b] = accountsOnTwoPartitions(log);
    await log.append([event(a, 1), event(b, 1)]);
    await log.append([event(a, 2), event(b, 2), event(a, 3)]);
    const fileA = partitionFile(dir, log, a);
    const fileB = partitionFile(dir, log, b);
    await log.close();

    // Crash after partition a's lines were written but before partition b's: b lacks its line.
    cutLastLines(fileB, 1);
    const reopened = openTracked(dir).log;
    expect(reopened.recovery.droppedRecords).toBe(2);
    expect((await read(reopened, reopened.partitionFor(a))).map((r) => r.event.sequence)).toEqual([
      1,
    ]);
    expect((await read(reopened, reopened.partitionFor(b))).map((r) => r.event.sequence)).toEqual([
      1,
    ]);
    await reopened.close();

    // Crash half-way through one file's write of a three-event append.
    const again = openTracked(dir).log;
    await again.append([event(a, 2), event(a, 3), event(a, 4)]);
    await again.close();
    cutLastLines(fileA, 1);
    const last = openTracked(dir).log;
    expect(last.recovery.droppedRecords).toBe(2);
    expect((await read(last, last.partitionFor(a))).map((r) => r.event.sequence)).toEqual([1]);
  });

  it('refuses to open a log damaged before its last line', async () => {
    const dir = tempDir();
    const account = '444444444444';
    const { log } = openTracked(dir);
    await log.append([event(account, 1)]);
    await log.append([event(account, 2)]);
    const file = partitionFile(dir, log, account);
    await log.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[0] = lines[0].slice(0, 20);
    writeFileSync(file, lines.join('\n'));
    expect(() => new EmbeddedEventLog({ dir })).toThrow(EventLogCorruptError);
    // A failed open leaves the directory unlocked.
    expect(() => new EmbeddedEventLog({ dir })).toThrow(EventLogCorruptError);
  });

  it('rolls a failed append back on disk, so a reopen shows nothing of it', async () => {
    const dir = tempDir();
    const fixture = openTracked(dir);
    const [a, b] = accountsOnTwoPartitions(fixture.log);
    await fixture.log.append([event(a, 1), event(b, 1)]);
    fixture.failNextAppend();
    await expect(fixture.log.append([event(a, 2), event(b, 2)])).rejects.toBeInstanceOf(
      EventLogAppendError,
    );
    await fixture.log.close();

    const reopened = openTracked(dir).log;
    expect(reopened.recovery).toEqual({ droppedRecords: 0, droppedBytes: 0 });
    expect((await read(reopened, reopened.partitionFor(a))).map((r) => r.event.sequence)).toEqual([
      1,
    ]);
    expect((await read(reopened, reopened.partitionFor(b))).map((r) => r.event.sequence)).toEqual([
      1,
    ]);
  });

  it('keeps the partition count of an existing log', async () => {
    const dir = tempDir();
    const first = new EmbeddedEventLog({ dir, partitionCount: 4 });
    await first.close();
    expect(() => new EmbeddedEventLog({ dir, partitionCount: 6 })).toThrow(/has 4 partitions/);
    const reopened = openTracked(dir).log;
    expect(reopened.partitionCount).toBe(4);
  });

  it('hands out events that cannot be mutated by a reader', async () => {
    const { log } = openTracked(tempDir());
    await log.append([event('555555555555', 1)]);
    const [logged] = await read(log, log.partitionFor('555555555555'));
    expect(() => {
      (logged.event as { sequence: number }).sequence = 99;
    }).toThrow(TypeError);
  });

  describe('single writer lock', () => {
    it('refuses a second instance on the same directory in this process, and frees it on close', async () => {
      const dir = tempDir();
      const { log } = openTracked(dir);
      expect(() => new EmbeddedEventLog({ dir })).toThrow(EventLogLockedError);
      await log.close();
      openTracked(dir);
    });

    it('makes a second process fail with a clear error while the directory is open', async () => {
      const dir = tempDir();
      openTracked(dir);
      const result = await openInChildProcess(dir);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(
        new RegExp(`EventLogLocked: .*locked by process ${process.pid}`),
      );
    });

    it('lets another process open it once closed, and takes over the lock of a process that died', async () => {
      const dir = tempDir();
      const { log } = openTracked(dir);
      await log.close();
      expect((await openInChildProcess(dir)).stdout).toContain('OPENED');

      const child = await holdInChildProcess(dir);
      expect(() => new EmbeddedEventLog({ dir })).toThrow(EventLogLockedError);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      openTracked(dir); // the dead process's lock is stale
    });
  });
});

/** Loads this folder's TypeScript in a plain Node child, through swc, and opens the log there. */
const CHILD_SCRIPT = `
const swc = require('@swc/core');
require.extensions['.ts'] = (m, filename) => {
  const { code } = swc.transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
  });
  m._compile(code, filename);
};
const { EmbeddedEventLog } = require(process.argv[1]);
let log;
try { log = new EmbeddedEventLog({ dir: process.argv[2] }); } catch (e) { console.log(e.code + ': ' + e.message); process.exit(3); }
console.log('OPENED');
if (process.argv[3] === 'hold') setInterval(() => {}, 1000); else log.close();
`;

async function openInChildProcess(dir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', CHILD_SCRIPT, modulePath(), dir],
      {
        cwd: process.cwd(),
      },
    );
    return { code: 0, stdout };
  } catch (e) {
    const failure = e as { code: number; stdout: string };
    return { code: failure.code, stdout: failure.stdout };
  }
}

async function holdInChildProcess(dir: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, modulePath(), dir, 'hold'], {
    cwd: process.cwd(),
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('OPENED')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  return child;
}

function modulePath(): string {
  return join(__dirname, 'embedded.event-log.ts');
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
    payload: { sequence },
  };
}

function accountsOnTwoPartitions(log: EventLog): [string, string] {
  const a = '100000000001';
  for (let i = 2; ; i++) {
    const b = String(100000000000 + i);
    if (log.partitionFor(b) !== log.partitionFor(a)) return [a, b];
  }
}

function partitionFile(dir: string, log: EventLog, accountId: string): string {
  return join(dir, `partition-${String(log.partitionFor(accountId)).padStart(3, '0')}.log`);
}

function cutLastLines(file: string, count: number): void {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  const keep = lines
    .slice(0, lines.length - count)
    .map((line) => `${line}\n`)
    .join('');
  truncateSync(file, Buffer.byteLength(keep));
}

async function read(log: EventLog, partition: number): Promise<LoggedEvent[]> {
  const all: LoggedEvent[] = [];
  for await (const logged of log.readPartition(partition)) all.push(logged);
  return all;
}
