import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeadLetter, DeadLetters } from './dead-letters.port';

/** One line of the embedded DLQ file: the letter with its bytes in base64. */
interface DeadLetterLine {
  reason: DeadLetter['reason'];
  error: string;
  errorCode?: string;
  source: DeadLetter['source'];
  parkedAt: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

const b64 = (b: Buffer | null): string | null => (b === null ? null : b.toString('base64'));
const unb64 = (s: string | null): Buffer | null => (s === null ? null : Buffer.from(s, 'base64'));

/**
 * Dead letters of the embedded deployment: kept in memory (`letters()`) and, given a file,
 * appended to it as JSON lines (bytes in base64), one letter per line.
 */
export class EmbeddedDeadLetters implements DeadLetters {
  private readonly parked: DeadLetter[] = [];

  constructor(private readonly file?: string) {}

  async publish(letter: DeadLetter): Promise<void> {
    if (this.file) {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, `${JSON.stringify(toLine(letter))}\n`, 'utf8');
    }
    this.parked.push(letter);
  }

  /** The letters parked since this instance started, in order. */
  letters(): readonly DeadLetter[] {
    return this.parked;
  }

  async close(): Promise<void> {}
}

export function toLine(letter: DeadLetter): DeadLetterLine {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(letter.record.headers))
    headers[name] = value.toString('base64');
  return {
    reason: letter.reason,
    error: letter.error,
    ...(letter.errorCode !== undefined && { errorCode: letter.errorCode }),
    source: letter.source,
    parkedAt: letter.parkedAt,
    key: b64(letter.record.key),
    value: b64(letter.record.value),
    headers,
  };
}

/** Reads one line of the embedded DLQ file back. */
export function parseDeadLetterLine(line: string): DeadLetter {
  const l = JSON.parse(line) as DeadLetterLine;
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(l.headers))
    headers[name] = Buffer.from(value, 'base64');
  return {
    reason: l.reason,
    error: l.error,
    ...(l.errorCode !== undefined && { errorCode: l.errorCode }),
    source: l.source,
    parkedAt: l.parkedAt,
    record: { key: unb64(l.key), value: unb64(l.value), headers },
  };
}
