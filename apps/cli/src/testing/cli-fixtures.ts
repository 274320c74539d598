import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CliIo } from '../cli-io';

/** An io that records lines, for assertions. */
export function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l) };
}

/** A temporary directory with helpers to write files into it; call cleanup() in afterAll. */
export function tempDir(): {
  path: (name: string) => string;
  write: (name: string, content: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-cli-'));
  return {
    path: (name) => join(dir, name),
    write: (name, content) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const ALICE = 'arn:aws:iam::111122223333:user/alice';
export const QUEUE = 'arn:aws:sqs:us-west-2:111122223333:orders';

/** One policy case line (FORMAT.md), allowing or denying sqs:SendMessage on the orders queue. */
export function caseLine(id: string, effect: 'Allow' | 'Deny' | null, expect: string): string {
  const identity =
    effect === null
      ? []
      : [
          {
            Version: '2012-10-17',
            Statement: [{ Effect: effect, Action: 'sqs:SendMessage', Resource: QUEUE }],
          },
        ];
  return JSON.stringify({
    id,
    about: `identity ${effect ?? 'none'}`,
    policies: { identity },
    request: { principal: ALICE, action: 'sqs:SendMessage', resource: QUEUE, context: {} },
    expect,
  });
}
