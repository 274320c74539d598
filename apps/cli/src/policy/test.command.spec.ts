import { readdirSync } from 'fs';
import { join } from 'path';
import { EXIT } from '../cli-io';
import { caseLine, captureIo, tempDir } from '../testing/cli-fixtures';
import { testCommand } from './test.command';

describe('policy test', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  const passing = dir.write(
    'passing.jsonl',
    [
      caseLine('a', 'Allow', 'Allow'),
      caseLine('b', 'Deny', 'ExplicitDeny'),
      caseLine('c', null, 'ImplicitDeny'),
    ].join('\n'),
  );
  const failing = dir.write(
    'failing.jsonl',
    [caseLine('d', 'Allow', 'Allow'), caseLine('wrong', 'Deny', 'Allow')].join('\n'),
  );

  it('closes with "N passed, N failed" and exits 0 when every case holds', async () => {
    const io = captureIo();
    expect(await testCommand([passing], io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual(['3 passed, 0 failed']);
  });

  it('prints each failure with where it is, what was expected and the explanation; exits 1', async () => {
    const io = captureIo();
    expect(await testCommand([passing, failing], io)).toBe(EXIT.failed);
    expect(io.stdout[0]).toBe(`FAIL wrong (${failing}:2)`);
    expect(io.stdout[1]).toBe('    identity Deny');
    expect(io.stdout[2]).toBe('    expected Allow, got ExplicitDeny');
    const explanation = io.stdout[3];
    expect(explanation).toContain('ExplicitDeny (decided by identity)');
    expect(explanation).toContain('[identity] identity[0] statement 0');
    expect(io.stdout.at(-1)).toBe('4 passed, 1 failed');
  });

  it('counts a case whose policy cannot be compiled as a failure', async () => {
    const broken = JSON.parse(caseLine('broken', 'Allow', 'Allow'));
    broken.policies.identity = [{ Version: '2012-10-17', Statement: 42 }];
    const file = dir.write('broken.jsonl', JSON.stringify(broken));
    const io = captureIo();
    expect(await testCommand([file], io)).toBe(EXIT.failed);
    expect(io.stdout[2]).toBe('    expected Allow, got an error');
    expect(io.stdout[3]).toMatch(/^ {4}error: /);
    expect(io.stdout.at(-1)).toBe('0 passed, 1 failed');
  });

  it('refuses to run anything when a file is unreadable or malformed', async () => {
    const io = captureIo();
    await expect(testCommand([passing, dir.path('missing.jsonl')], io)).rejects.toThrow(
      /cannot read .*missing\.jsonl/,
    );
    const bad = dir.write('bad.jsonl', caseLine('x', 'Allow', 'Allow') + '\nnot json\n');
    await expect(testCommand([bad], io)).rejects.toThrow(`${bad}:2: not valid JSON`);
    expect(io.stdout).toEqual([]);
  });

  it('passes the whole project corpus, as `npm run -s cli -- policy test` does', async () => {
    const casesDir = join(__dirname, '../../../../libs/policy/cases');
    const files = readdirSync(casesDir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(casesDir, f));
    expect(files.length).toBeGreaterThan(10);
    const io = captureIo();
    expect(await testCommand(files, io)).toBe(EXIT.ok);
    expect(io.stdout.at(-1)).toMatch(/^\d{3,} passed, 0 failed$/);
  });
});
