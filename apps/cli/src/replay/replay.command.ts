import { Command } from 'commander';
import {
  checkReplayDatabaseName,
  describeBound,
  formatDifference,
  InvalidReplayBoundError,
  noEventsBetweenIn,
  parseReplayBound,
  replay,
  ReplayDatabaseError,
  type ReplayReport,
  ReplayTargetNotEmptyError,
  verifyReadModels,
  type VerifyReport,
} from '../../../projector/src/replay';
import { CliInputError, type CliIo, EXIT } from '../cli-io';
import { configuredReplayBackends, type ReplayBackends } from './replay-backends';
import { NO_PROGRESS, progressBar, type ReplayProgressView } from './replay-progress';

export interface ReplayCommandOptions {
  into?: string;
  to?: string;
  quiet?: boolean;
  json?: boolean;
}

export interface VerifyCommandOptions {
  into: string;
  json?: boolean;
  max: number;
}

const KIND_NAMES = {
  principal: 'principals',
  group: 'groups',
  groupMembers: 'group member lists',
  policy: 'managed policies',
  accessKey: 'access keys',
} as const;

/** Input errors of the replay modules, reported like any other bad input (exit 2, one line). */
function asInputError(error: unknown): never {
  if (
    error instanceof InvalidReplayBoundError ||
    error instanceof ReplayDatabaseError ||
    error instanceof ReplayTargetNotEmptyError
  ) {
    throw new CliInputError(error.message);
  }
  throw error;
}

/**
 * `replay --into <db> [--to <token|instant>]`: rebuilds every read model from the start of the
 * event log into a fresh database. Input is checked before anything is written: the bound, the
 * database name (never the live one), the database being empty, the token's positions existing.
 */
export async function replayCommand(
  opts: ReplayCommandOptions,
  io: CliIo,
  backends: ReplayBackends,
  progress: ReplayProgressView,
): Promise<number> {
  const into = opts.into;
  if (into === undefined)
    throw new CliInputError(`required option '--into <database>' not specified`);
  let bound;
  try {
    bound = parseReplayBound(opts.to);
    checkReplayDatabaseName(into, backends.liveDatabase);
  } catch (error) {
    asInputError(error);
  }
  const { log, reader } = await backends.openLog();
  try {
    const target = await backends.openTarget(into).catch(asInputError);
    try {
      if (!opts.json && !opts.quiet) {
        io.err(`replaying ${backends.source} to ${describeBound(bound)} into ${into}`);
      }
      const report = await replay({
        log,
        reader,
        target,
        bound,
        onProgress: (p) => progress.update(p),
      }).catch(asInputError);
      progress.stop();
      printReplay(report, into, opts, io);
      return EXIT.ok;
    } finally {
      progress.stop();
      await target.close().catch(() => undefined);
    }
  } finally {
    await log.close().catch(() => undefined);
  }
}

function printReplay(
  report: ReplayReport,
  into: string,
  opts: ReplayCommandOptions,
  io: CliIo,
): void {
  const seconds = report.timings.totalMs / 1000;
  if (opts.json) {
    io.out(
      JSON.stringify({ database: into, to: opts.to ?? null, ...report }, (_, v: unknown) =>
        typeof v === 'bigint' ? v.toString() : v,
      ),
    );
    return;
  }
  const docs = (Object.keys(KIND_NAMES) as (keyof typeof KIND_NAMES)[])
    .map((k) => `${report.documents[k]} ${KIND_NAMES[k]}`)
    .join(', ');
  io.out(
    `replayed ${report.events} events into ${into} in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.events / Math.max(seconds, 0.001))} events/s): ${docs}; ` +
      `${report.accounts} accounts`,
  );
  io.out(`position: ${report.position || '(nothing replayed)'}`);
  if (report.skipped.length) {
    io.out(
      `${report.skipped.length} records left out, as the live projector parks them in its dead-letter topic:`,
    );
    for (const s of report.skipped) {
      io.out(`  ${s.position.partition}@${s.position.offset} ${s.reason}: ${s.error}`);
    }
  }
}

/**
 * `replay verify <db>`: compares the replayed database with the live read models,
 * document by document. Exit 0 when equal, 1 when they differ.
 */
export async function verifyCommand(
  opts: VerifyCommandOptions,
  io: CliIo,
  backends: ReplayBackends,
): Promise<number> {
  try {
    checkReplayDatabaseName(opts.into, backends.liveDatabase);
  } catch (error) {
    asInputError(error);
  }
  const snapshots = await backends.openSnapshots(opts.into).catch(asInputError);
  try {
    // Differing checkpoints are checked against the log: transaction markers are no difference.
    const { log } = await backends.openLog();
    let report: VerifyReport;
    try {
      report = await verifyReadModels(snapshots.live, snapshots.replayed, {
        noEventsBetween: noEventsBetweenIn(log),
      });
    } finally {
      await log.close().catch(() => undefined);
    }
    printVerify(report, opts, io, backends.liveDatabase);
    return report.differences.length === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    await snapshots.close();
  }
}

function printVerify(
  report: VerifyReport,
  opts: VerifyCommandOptions,
  io: CliIo,
  liveDatabase: string,
): void {
  if (opts.json) {
    io.out(JSON.stringify({ live: liveDatabase, replay: opts.into, ...report }));
    return;
  }
  const c = report.compared;
  const compared =
    `${c.principal} principals, ${c.group} groups, ${c.groupMembers} group member lists, ` +
    `${c.policy} managed policies, ${c.accessKey} access keys, ${c.account} account sequences, ` +
    `${c.checkpoint} checkpoints`;
  io.out(`comparing live (${liveDatabase}) with replay (${opts.into})`);
  const shown = report.differences.slice(0, opts.max);
  for (const d of shown) io.out(formatDifference(d, report.labels));
  const more = report.differences.length - shown.length;
  if (more > 0) io.out(`… and ${more} more (--max ${report.differences.length} shows all)`);
  io.out(
    report.differences.length === 0
      ? `no differences (${compared} compared)`
      : `${report.differences.length} differences (${compared} compared)`,
  );
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliInputError(`--max must be a whole number`);
  return n;
}

export interface ReplayCommandOverrides {
  backends?: ReplayBackends;
  env?: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (the progress bar is drawn only there). */
  stderrIsTTY?: boolean;
}

/** `replay` and `replay verify`. */
export function registerReplayCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  overrides: ReplayCommandOverrides = {},
): void {
  const backends = () =>
    overrides.backends ?? configuredReplayBackends(overrides.env ?? process.env);
  const replayCmd = program
    .command('replay')
    .description(
      'rebuild every read model from the start of the event log into a fresh MongoDB database ' +
        '(never the live one); "replay verify" compares it with the live read models. ' +
        'Exit codes: 0 done (verify: equal), 1 failed (verify: differences), 2 bad input.',
    )
    // Not requiredOption: commander would demand it of `replay verify` too (it checks ancestors).
    .option('--into <database>', 'the database to build (must be empty or new); required')
    .option(
      '--to <token|instant>',
      'stop at a consistency token ("p:offset,…": the events it covers) or an ISO 8601 instant ' +
        '(per partition, up to the first event that occurred later); default: the end of the log',
    )
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the report as one JSON object (no progress bar)')
    .action(async (opts: ReplayCommandOptions) => {
      const tty = overrides.stderrIsTTY ?? process.stderr.isTTY === true;
      const progress = tty && !opts.quiet && !opts.json ? progressBar(process.stderr) : NO_PROGRESS;
      setExit(await replayCommand(opts, io, backends(), progress));
    });

  replayCmd
    .command('verify')
    .description(
      'compare a replayed database with the live read models document by document; ' +
        'exit 0 when equal, 1 when they differ (each difference printed), 2 bad input',
    )
    .argument('<database>', 'the replayed database')
    .option('--json', 'print the report as one JSON object')
    .option('--max <n>', 'differences printed at most', positiveInteger, 50)
    .action(async (database: string, _opts: unknown, command: Command) => {
      // `--json` after the database is parsed by `replay` (commander reads ancestors' options
      // anywhere on the line): take the options of both.
      const opts = command.optsWithGlobals<Omit<VerifyCommandOptions, 'into'>>();
      setExit(await verifyCommand({ ...opts, into: database }, io, backends()));
    });
}
