import { processIo } from './cli-io';
import { runCli } from './program';

// `portcullis … | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`portcullis: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 70;
  },
);
