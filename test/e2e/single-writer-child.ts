// A command-service instance in a child process of a single-writer spec, so that a test can kill
// it for real (SIGKILL inside a transaction). Talks to its parent in JSON lines on stdout.
// Run: node -r ./test/e2e/single-writer-child.register.js test/e2e/single-writer-child.ts
// Environment: the run's IAM_* variables, SW_CHILD_NAME, SW_KILL_AT_TRANSACTION (n: the process
// kills itself in its n-th transaction, after events, replies and offsets were sent, before the
// commit).
import 'reflect-metadata';
import { writeSync } from 'fs';
import { startWriter } from './single-writer.support';

// Synchronous: the last line before SIGKILL must not sit in a stream buffer.
const tell = (message: object) => writeSync(1, `${JSON.stringify(message)}\n`);

async function main(): Promise<void> {
  const name = process.env.SW_CHILD_NAME ?? 'child';
  const killAt = Number(process.env.SW_KILL_AT_TRANSACTION ?? '0');
  const writer = await startWriter(process.env, name);
  writer.consumer.onEvent((event) => tell({ type: 'writer', at: Date.now(), event }));
  let transactions = 0;
  writer.consumer.faults = {
    beforeCommit: async (partition, offsets) => {
      transactions++;
      if (killAt > 0 && transactions === killAt) {
        tell({ type: 'dying', at: Date.now(), partition, offsets });
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      }
    },
  };
  await writer.waitReady();
  tell({ type: 'ready', assignment: writer.consumer.assignment });
}

main().catch((error) => {
  tell({ type: 'failed', error: String(error) });
  process.exit(1);
});
