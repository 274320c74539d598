import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeadLetter } from './dead-letters.port';
import { EmbeddedDeadLetters, parseDeadLetterLine } from './embedded.dead-letters';

const letter = (offset: string, value: Buffer | null): DeadLetter => ({
  reason: 'undecodable',
  error: 'value is not JSON',
  errorCode: 'EventDecodeFailed',
  source: { topic: 'iam.events', partition: 3, offset },
  record: { key: Buffer.from('123456789012'), value, headers: { type: Buffer.from([0, 255, 1]) } },
  parkedAt: '2026-01-01T00:00:00.000Z',
});

describe('EmbeddedDeadLetters', () => {
  it('appends letters to a JSON-lines file that reads back byte for byte, and keeps them in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlq-'));
    try {
      const file = join(dir, 'sub', 'iam.events.dlq.jsonl');
      const dlq = new EmbeddedDeadLetters(file);
      const a = letter('7', Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
      const b = letter('9', null);
      await dlq.publish(a);
      await dlq.publish(b);
      expect(readFileSync(file, 'utf8').trim().split('\n').map(parseDeadLetterLine)).toEqual([
        a,
        b,
      ]);
      expect(dlq.letters()).toEqual([a, b]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps letters in memory only when given no file', async () => {
    const dlq = new EmbeddedDeadLetters();
    await dlq.publish(letter('1', Buffer.from('x')));
    expect(dlq.letters()).toHaveLength(1);
  });
});
