import { readFile } from 'fs/promises';

/** Where a command writes. Commands never touch process.stdout directly, so specs can capture. */
export interface CliIo {
  /** One line of output (no trailing newline). */
  out(line: string): void;
  /** One line of diagnostics (no trailing newline). */
  err(line: string): void;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The input was read, and it is rejected or failed (invalid policy, failing case). */
  failed: 1,
  /** The input could not be used: unreadable file, malformed case line, bad usage. */
  badInput: 2,
} as const;

/** An input problem the user must fix; reported as one line on stderr with exit code 2. */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
}

/** Reads a text file, turning Node's error codes into a sentence that names the file. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (err as Error).message;
    throw new CliInputError(`cannot read ${file}: ${why}`);
  }
}

/** An io that writes to the process streams. */
export function processIo(): CliIo {
  return {
    out: (line) => void process.stdout.write(line + '\n'),
    err: (line) => void process.stderr.write(line + '\n'),
  };
}
