import { EmbeddedEventLog } from '@portcullis/event-log';
import {
  EventLogReplayReader,
  ListedMemoryReadModelStore,
  ReplayDatabaseError,
  ReplayTargetNotEmptyError,
  checkReplayDatabaseName,
} from '../../../projector/src/replay';
import { busyHistory, liveProjection } from '../../../projector/src/replay/testing/replay.fixture';
import { EXIT } from '../cli-io';
import { runCli } from '../program';
import { captureIo, tempDir } from '../testing/cli-fixtures';
import type { ReplayBackends } from './replay-backends';
import { registerReplayCommands } from './replay.command';
import { Command } from 'commander';

/** Backends over an embedded log and in-memory databases, named as MongoDB databases would be. */
function memoryBackends(log: EmbeddedEventLog, live: ListedMemoryReadModelStore) {
  const databases = new Map<string, ListedMemoryReadModelStore>();
  const backends: ReplayBackends = {
    liveDatabase: 'portcullis',
    source: 'the embedded event log',
    openLog: async () => ({
      // The command closes what it opened; the spec's log outlives it.
      log: Object.assign(Object.create(log) as EmbeddedEventLog, { close: async () => {} }),
      reader: new EventLogReplayReader(log),
    }),
    async openTarget(database) {
      checkReplayDatabaseName(database, 'portcullis');
      const existing = databases.get(database);
      if (existing && (await existing.getCheckpoints()).length)
        throw new ReplayTargetNotEmptyError(`database "${database}" is not empty (checkpoints)`);
      const store = new ListedMemoryReadModelStore();
      databases.set(database, store);
      return store;
    },
    async openSnapshots(database) {
      const replayed = databases.get(database);
      if (!replayed) throw new ReplayDatabaseError(`database "${database}" holds no read models`);
      return {
        live: live.snapshot('live'),
        replayed: replayed.snapshot('replay'),
        close: async () => {},
      };
    },
  };
  return { backends, databases };
}

async function run(args: string[], backends: ReplayBackends) {
  const io = captureIo();
  let exit: number = EXIT.ok;
  const program = new Command('portcullis').exitOverride();
  program.configureOutput({ writeOut: (s) => io.out(s.trim()), writeErr: (s) => io.err(s.trim()) });
  registerReplayCommands(program, io, (c) => (exit = c), { backends, stderrIsTTY: false });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof Error && error.name === 'CliInputError') {
      io.err(`error: ${error.message}`);
      return { io, exit: EXIT.badInput };
    }
    throw error;
  }
  return { io, exit };
}

describe('portcullis replay', () => {
  const dir = tempDir();
  let log: EmbeddedEventLog;
  let live: ListedMemoryReadModelStore;
  beforeAll(async () => {
    log = new EmbeddedEventLog({ dir: dir.path('log'), partitionCount: 3 });
    for (const e of busyHistory()) await log.append([e]);
    live = await liveProjection(log);
  });
  afterAll(async () => {
    await log.close();
    dir.cleanup();
  });

  it('replays the whole log, then verify finds no difference (exit 0)', async () => {
    const { backends, databases } = memoryBackends(log, live);
    const replayed = await run(['replay', '--into', 'rebuilt'], backends);
    expect(replayed.exit).toBe(EXIT.ok);
    expect(replayed.io.stdout[0]).toMatch(
      /^replayed \d+ events into rebuilt in [\d.]+ s \(\d+ events\/s\): \d+ principals, \d+ groups, \d+ group member lists, \d+ managed policies, \d+ access keys; 4 accounts$/,
    );
    expect(replayed.io.stdout).toContain(
      '1 records left out, as the live projector parks them in its dead-letter topic:',
    );
    expect(databases.get('rebuilt')).toBeDefined();

    const verified = await run(['replay', 'verify', 'rebuilt'], backends);
    expect(verified.exit).toBe(EXIT.ok);
    expect(verified.io.stdout[0]).toBe('comparing live (portcullis) with replay (rebuilt)');
    expect(verified.io.stdout.at(-1)).toMatch(
      /^no differences \(\d+ principals, \d+ groups, \d+ group member lists, \d+ managed policies, \d+ access keys, 4 account sequences, 3 checkpoints compared\)$/,
    );
  });

  it('verify prints each difference and exits 1', async () => {
    const { backends, databases } = memoryBackends(log, live);
    expect((await run(['replay', '--into', 'drifted', '--quiet'], backends)).exit).toBe(EXIT.ok);
    const store = databases.get('drifted')!;
    const [principal] = await store.snapshot('x').documents('principal');
    await store.deletePrincipal(principal._id);
    const verified = await run(['replay', 'verify', 'drifted'], backends);
    expect(verified.exit).toBe(EXIT.failed);
    expect(verified.io.stdout).toContain(
      `principal ${principal._id}: only in live (missing from replay)`,
    );
    expect(verified.io.stdout.at(-1)).toMatch(/^1 differences \(/);

    const json = await run(['replay', 'verify', 'drifted', '--json'], backends);
    expect(JSON.parse(json.io.stdout[0])).toMatchObject({
      live: 'portcullis',
      replay: 'drifted',
      differences: [{ kind: 'principal', id: principal._id, onlyIn: 'a' }],
    });
  });

  it('replays to a token and prints the report as JSON', async () => {
    const { backends } = memoryBackends(log, live);
    const ends = await log.endPositions();
    const token = `${ends[0].partition}:2`;
    const { io, exit } = await run(
      ['replay', '--into', 'early', '--to', token, '--json'],
      backends,
    );
    expect(exit).toBe(EXIT.ok);
    expect(JSON.parse(io.stdout[0])).toMatchObject({
      database: 'early',
      to: token,
      events: 3,
      position: token,
      checkpoints: [{ partition: ends[0].partition, nextOffset: '3' }],
    });
  });

  it.each([
    [
      ['replay', '--into', 'x', '--to', 'last tuesday'],
      /--to "last tuesday": expected a consistency token/,
    ],
    [['replay', '--into', 'portcullis'], /is the live read models' database/],
    [['replay', '--into', 'bad.name'], /not a usable database name/],
    [['replay', '--into', 'x', '--to', '9:0'], /has no partition 9/],
    [['replay'], /required option '--into <database>'/],
    [['replay', 'verify', 'never-replayed'], /holds no read models/],
  ])('refuses %j with exit 2 and writes nothing', async (args, message) => {
    const { backends, databases } = memoryBackends(log, live);
    const { io, exit } = await run(args, backends);
    expect(exit).toBe(EXIT.badInput);
    expect(io.stderr.join('\n')).toMatch(message);
    for (const store of databases.values()) expect(await store.getCheckpoints()).toEqual([]);
  });

  it('refuses a database that already holds read models', async () => {
    const { backends } = memoryBackends(log, live);
    expect((await run(['replay', '--into', 'twice', '--quiet'], backends)).exit).toBe(EXIT.ok);
    const again = await run(['replay', '--into', 'twice'], backends);
    expect(again.exit).toBe(EXIT.badInput);
    expect(again.io.stderr).toEqual(['error: database "twice" is not empty (checkpoints)']);
  });

  it('is part of the portcullis program', async () => {
    const io = captureIo();
    expect(await runCli(['replay', '--help'], io)).toBe(EXIT.ok);
    expect(io.stdout.join('\n')).toMatch(/--into <database>[\s\S]*--to <token\|instant>/);
    const verifyHelp = captureIo();
    expect(await runCli(['replay', 'verify', '--help'], verifyHelp)).toBe(EXIT.ok);
    expect(verifyHelp.stdout.join('\n')).toMatch(/exit\s+0 when equal, 1 when they differ/);
  });
});
