import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EventLogLockedError } from './event-log.errors';

interface LockOwner {
  pid: number;
  hostname: string;
  token: string;
  since: string;
}

/** Directories locked by this process: a second instance here must fail too, not just a second process. */
const heldHere = new Set<string>();

/**
 * The single-writer lock of an embedded log directory: a `LOCK` file created exclusively, naming
 * the owning process. A lock left by a process that died (crash, kill -9) is taken over, so a
 * restart never needs a manual clean-up; a lock naming a live process fails with a clear error.
 */
export class DirectoryLock {
  private constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  static acquire(dir: string): DirectoryLock {
    const path = join(dir, 'LOCK');
    if (heldHere.has(path)) {
      throw new EventLogLockedError(
        `Event log directory ${dir} is already open in this process; open it once and share it`,
      );
    }
    const owner: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      token: randomUUID(),
      since: new Date().toISOString(),
    };
    // Two attempts: the second follows the removal of a stale lock.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (tryCreate(path, owner)) {
        heldHere.add(path);
        return new DirectoryLock(path, owner.token);
      }
      const current = readOwner(path);
      if (!current && justCreated(path)) {
        throw new EventLogLockedError(
          `Event log directory ${dir} is being locked by another process right now`,
        );
      }
      if (current && !isStale(current)) {
        throw new EventLogLockedError(
          `Event log directory ${dir} is locked by process ${current.pid} on ${current.hostname} ` +
            `since ${current.since}. Only one process may write it; stop that process, or remove ` +
            `${path} if it is certainly not running.`,
        );
      }
      rmSync(path, { force: true });
    }
    throw new EventLogLockedError(`Could not take the lock ${path}: another process races for it`);
  }

  /** Removes the lock file if it is still ours. */
  release(): void {
    heldHere.delete(this.path);
    if (readOwner(this.path)?.token === this.token) rmSync(this.path, { force: true });
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The recorded owner; undefined when the file is gone or unreadable (a crash while writing it). */
function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && 'token' in parsed) {
      return parsed as LockOwner;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * An unreadable lock file is either a crash between creating and writing it (stale) or another
 * process that is between those two steps right now: a fresh one is given the benefit of the doubt.
 */
function justCreated(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 2000;
  } catch {
    return false;
  }
}

/**
 * A lock is stale when its process is gone. On another host we cannot tell, so it counts as live.
 * Our own pid with no holder in this process means a previous incarnation that had the same pid
 * (common for pid 1 in a restarted container).
 */
function isStale(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
